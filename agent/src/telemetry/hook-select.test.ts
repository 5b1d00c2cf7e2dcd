import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectHooks, type DetectedHook } from '@edgefleet/firmware-hooks';
import { agentConfigSchema } from '../config.js';
import { pickDetectedHook, selectHook } from './hook-select.js';

const tool = (hook: string, path = `/opt/x/${hook}`): DetectedHook => ({
  hook,
  tool: hook,
  path,
  options: { command: path },
});
const defaults = () =>
  agentConfigSchema.parse({
    siteId: 'site-1',
    secret: 's'.repeat(32),
    coordinator: { grpc: '127.0.0.1:1' },
    mqtt: { url: 'mqtt://127.0.0.1:1' },
  });

function pathWith(...tools: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ef-tools-'));
  for (const t of tools) {
    writeFileSync(join(dir, t), '#!/bin/sh\nexit 9\n');
    chmodSync(join(dir, t), 0o755);
  }
  return dir;
}

describe('firmware hook selection (hook.name auto)', () => {
  it('defaults to auto and the ONNX backend: nothing simulated unless named', () => {
    const cfg = defaults();
    expect(cfg.hook.name).toBe('auto');
    expect(cfg.backend.kind).toBe('onnx');
  });

  it('picks the vendor tool found on this host, with its path, the configured options on top', async () => {
    const dir = pathWith('nvidia-smi', 'ipmitool');
    const found = await detectHooks({ path: dir, vendorDirs: false });
    const s = await selectHook({ name: 'auto', options: { format: 'xml' }, timeoutMs: 100 }, () =>
      Promise.resolve(found),
    );
    expect(s).toMatchObject({
      source: 'detected',
      config: {
        name: 'nvidia-smi',
        options: { command: join(dir, 'nvidia-smi'), format: 'xml' },
        timeoutMs: 100,
      },
    });
  });

  it('falls back to none, never fake, when no accelerator tool is found (ipmitool is power only)', async () => {
    for (const found of [[], [tool('ipmitool')]]) {
      const s = await selectHook({ name: 'auto', options: {}, timeoutMs: 5000 }, () =>
        Promise.resolve(found),
      );
      expect(s).toMatchObject({ source: 'none-found', config: { name: 'none', options: {} } });
    }
  });

  it('prefers nvidia-smi, then npu-smi, cnmon, amd-smi when several are installed', () => {
    expect(pickDetectedHook([tool('amd-smi'), tool('cnmon'), tool('npu-smi')])?.hook).toBe(
      'npu-smi',
    );
    expect(pickDetectedHook([tool('cnmon'), tool('nvidia-smi')])?.hook).toBe('nvidia-smi');
    expect(pickDetectedHook([tool('amd-smi'), tool('ipmitool')])?.hook).toBe('amd-smi');
  });

  it('keeps a named hook as configured, fake included (the simulator names it)', async () => {
    let detected = false;
    const s = await selectHook({ name: 'fake', options: { seed: 3 }, timeoutMs: 5000 }, () => {
      detected = true;
      return Promise.resolve([tool('nvidia-smi')]);
    });
    expect(s).toEqual({
      source: 'configured',
      config: { name: 'fake', options: { seed: 3 }, timeoutMs: 5000 },
    });
    expect(detected).toBe(false);
  });
});
