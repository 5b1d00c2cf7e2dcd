import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  HookAbortedError,
  HookExitError,
  HookOutputTooLargeError,
  HookTimeoutError,
  HookToolMissingError,
} from './errors.js';
import { runTool } from './run-tool.js';
import { fixture, fixturePath } from './test-support/fixtures.js';
import { catScript, scriptDir, writeScript } from './test-support/scripts.js';

const tmp = scriptDir();
afterAll(() => tmp.remove());

const base = { hook: 'test-hook', args: [] as string[] };

describe('runTool (real child processes)', () => {
  it('returns the tool output byte for byte', async () => {
    const cmd = catScript(
      tmp.dir,
      'cnmon',
      fixturePath('cnmon', 'paddle-docs-mlu370-x8-cnmon.txt'),
    );
    await expect(runTool({ ...base, command: cmd })).resolves.toBe(
      fixture('cnmon', 'paddle-docs-mlu370-x8-cnmon.txt'),
    );
  });

  it('passes arguments without a shell and runs in the C locale', async () => {
    const cmd = writeScript(tmp.dir, 'args', 'printf "%s|" "$@"; printf "%s" "$LC_ALL"');
    await expect(runTool({ ...base, command: cmd, args: ['a b', '$HOME', ';ls'] })).resolves.toBe(
      'a b|$HOME|;ls|C',
    );
  });

  it('HookToolMissingError when the tool does not exist', async () => {
    const err = await runTool({ ...base, command: join(tmp.dir, 'no-such-smi') }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HookToolMissingError);
    expect(err).toMatchObject({ code: 'HOOK_TOOL_MISSING', hook: 'test-hook' });
    expect((err as Error).message).toContain('no-such-smi');
  });

  it('HookToolMissingError when the file is not executable', async () => {
    const path = join(tmp.dir, 'not-executable');
    writeFileSync(path, '#!/bin/sh\necho hi\n');
    chmodSync(path, 0o644);
    await expect(runTool({ ...base, command: path })).rejects.toBeInstanceOf(HookToolMissingError);
  });

  it('HookExitError with the exit code and stderr when the tool exits non-zero', async () => {
    const cmd = writeScript(
      tmp.dir,
      'exit3',
      'echo "NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver" >&2; exit 3',
    );
    const err = await runTool({ ...base, command: cmd }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HookExitError);
    expect(err).toMatchObject({ code: 'HOOK_EXIT', exitCode: 3 });
    expect((err as Error).message).toMatch(/exited with code 3: NVIDIA-SMI has failed/);
  });

  it('HookExitError naming the signal when the tool is killed by someone else', async () => {
    const cmd = writeScript(tmp.dir, 'suicide', 'kill -9 $$');
    const err = await runTool({ ...base, command: cmd }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HookExitError);
    expect(err).toMatchObject({
      exitCode: null,
      data: expect.objectContaining({ signal: 'SIGKILL' }),
    });
  });

  it('HookTimeoutError at the deadline, even while a grandchild keeps the output pipe open', async () => {
    const cmd = writeScript(tmp.dir, 'hang', 'echo partial; sleep 3; echo never');
    const t0 = Date.now();
    const err = await runTool({ ...base, command: cmd, timeoutMs: 300 }).catch((e: unknown) => e);
    const took = Date.now() - t0;
    expect(err).toBeInstanceOf(HookTimeoutError);
    expect(err).toMatchObject({
      code: 'HOOK_TIMEOUT',
      data: expect.objectContaining({ timeoutMs: 300 }),
    });
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(2000);
  });

  it('HookAbortedError when the caller aborts, and no spawn at all when already aborted', async () => {
    const cmd = writeScript(tmp.dir, 'slow', 'exec sleep 3');
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('shutting down')), 100);
    const t0 = Date.now();
    await expect(runTool({ ...base, command: cmd, signal: ac.signal })).rejects.toBeInstanceOf(
      HookAbortedError,
    );
    expect(Date.now() - t0).toBeLessThan(2000);
    const marker = join(tmp.dir, 'spawned');
    const touch = writeScript(tmp.dir, 'touch', `touch '${marker}'`);
    await expect(
      runTool({ ...base, command: touch, signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(HookAbortedError);
    expect(existsSync(marker)).toBe(false);
  });

  it('HookOutputTooLargeError when the output exceeds maxBuffer', async () => {
    const cmd = writeScript(tmp.dir, 'chatty', "head -c 100000 /dev/zero | tr '\\0' x");
    const err = await runTool({ ...base, command: cmd, maxBuffer: 4096 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HookOutputTooLargeError);
    expect(err).toMatchObject({
      code: 'HOOK_OUTPUT_TOO_LARGE',
      data: expect.objectContaining({ maxBuffer: 4096 }),
    });
  });
});
