import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  HookAbortedError,
  HookConfigError,
  HookError,
  HookExitError,
  HookParseError,
  HookTimeoutError,
  HookToolMissingError,
} from './errors.js';
import { toolHook } from './hook.js';
import { NVIDIA_CSV_ARGS } from './parsers/nvidia-smi-csv.js';
import { createHook } from './registry.js';
import { fixturePath } from './test-support/fixtures.js';
import { fakeTool } from './test-support/hooks.js';
import { scriptDir, writeScript } from './test-support/scripts.js';

const tmp = scriptDir();
afterAll(() => tmp.remove());

describe('tool hooks: failure modes with real scripts', () => {
  it('a missing tool is HookToolMissingError naming the hook', async () => {
    const err = await createHook('cnmon', { command: join(tmp.dir, 'cnmon-not-installed') })
      .collect()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HookToolMissingError);
    expect(err).toMatchObject({ hook: 'cnmon', code: 'HOOK_TOOL_MISSING' });
  });

  it('a hanging tool is HookTimeoutError after the hook timeout, or the per-collect one', async () => {
    const hang = writeScript(tmp.dir, 'npu-smi-hang', 'exec sleep 5');
    const t0 = Date.now();
    await expect(
      createHook('npu-smi', { command: hang, timeoutMs: 200 }).collect(),
    ).rejects.toBeInstanceOf(HookTimeoutError);
    await expect(
      createHook('npu-smi', { command: hang }).collect({ timeoutMs: 200 }),
    ).rejects.toMatchObject({ hook: 'npu-smi', code: 'HOOK_TIMEOUT' });
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('the timeout is one budget for all the tool runs of a collect', async () => {
    const csv = fixturePath('nvidia-smi', 'h100-80gb-hbm3-mig-load-query-gpu.csv');
    const tool = writeScript(
      tmp.dir,
      'nvidia-smi-slow-list',
      `case "$1" in -L) exec sleep 5 ;; *) sleep 0.3; exec cat '${csv}' ;; esac`,
    );
    const t0 = Date.now();
    const err = await createHook('nvidia-smi', { command: tool })
      .collect({ timeoutMs: 800 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HookTimeoutError);
    expect((err as HookTimeoutError).message).toContain('-L');
    expect(err).toMatchObject({ data: expect.objectContaining({ timeoutMs: 800 }) });
    expect(Date.now() - t0).toBeLessThan(2500);
  });

  it('a failing tool is HookExitError with its exit code', async () => {
    const fail = writeScript(
      tmp.dir,
      'rocm-smi-fail',
      'echo "ERROR: No AMD GPUs specified" >&2; exit 3',
    );
    const err = await createHook('rocm-smi', { command: fail })
      .collect()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HookExitError);
    expect(err).toMatchObject({ hook: 'rocm-smi', exitCode: 3 });
    expect((err as Error).message).toContain('No AMD GPUs specified');
  });

  it('unexpected output is HookParseError with the hook name and an excerpt', async () => {
    const tool = fakeTool(tmp.dir, 'nvidia-smi-garbage', {
      [NVIDIA_CSV_ARGS.join(' ')]: fixturePath('cnmon', 'paddle-docs-mlu370-x8-cnmon.txt'),
    });
    const err = await createHook('nvidia-smi', { command: tool.command })
      .collect()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HookParseError);
    expect(err).toMatchObject({ hook: 'nvidia-smi', code: 'HOOK_PARSE' });
    expect((err as HookParseError).excerpt).toContain('CNMON v5.10.13');
  });

  it('an aborted collect is HookAbortedError', async () => {
    const hang = writeScript(tmp.dir, 'cnmon-hang', 'exec sleep 5');
    const ac = new AbortController();
    const p = createHook('cnmon', { command: hang }).collect({ signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await expect(p).rejects.toBeInstanceOf(HookAbortedError);
  });

  it('a parser bug becomes HookParseError (with the cause), never a crash', async () => {
    const ok = writeScript(tmp.dir, 'ok', 'echo ok');
    const hook = toolHook({
      name: 'buggy',
      command: ok,
      options: {},
      collect: async (run) => {
        await run([]);
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      },
    });
    const err = await hook.collect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HookParseError);
    expect((err as HookParseError).cause).toBeInstanceOf(TypeError);
  });

  it('every failure is a HookError whose code and message fit telemetry HookError', async () => {
    const err = (await createHook('cnmon', { command: join(tmp.dir, 'absent') })
      .collect()
      .catch((e: unknown) => e)) as HookError;
    expect(err).toBeInstanceOf(HookError);
    expect(err.toJSON()).toMatchObject({
      name: 'HookToolMissingError',
      code: 'HOOK_TOOL_MISSING',
      data: { hook: 'cnmon' },
    });
  });
});

describe('hook options', () => {
  it('invalid options are HookConfigError at creation', () => {
    expect(() => createHook('nvidia-smi', { format: 'yaml' })).toThrow(HookConfigError);
    expect(() => createHook('cnmon', { timeoutMs: 'soon' })).toThrow(/timeoutMs" must be a number/);
    expect(() => createHook('ipmitool', { variant: 'redfish' })).toThrow(HookConfigError);
    expect(() => createHook('npu-smi', { serials: 'yes' })).toThrow(
      /serials" must be true or false/,
    );
    expect(() => createHook('npu-smi', { serial: true })).toThrow(
      /unknown option\(s\) serial; known: command, timeoutMs, maxBuffer, serials/,
    );
    expect(() => createHook('fake', { accelerators: [{ profile: 'nope' }] })).toThrow(
      /accelerators\[0\].profile must be a profile id/,
    );
  });
});
