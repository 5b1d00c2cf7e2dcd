import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectHooks } from '@edgefleet/firmware-hooks';
import { agentConfigSchema } from './config.js';
import { hardwareChecks } from './doctor-hardware.js';

/** A site's settings as `run` and `doctor` load them: the schema's defaults plus `settings`. */
const site = (settings: Record<string, unknown> = {}) =>
  agentConfigSchema.parse({
    siteId: 'site-1',
    secret: 's'.repeat(32),
    coordinator: { grpc: '127.0.0.1:1' },
    mqtt: { url: 'mqtt://127.0.0.1:1' },
    ...settings,
  });

/** Real executables on a private PATH, each failing the way its tool does without its device. */
async function host(tools: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'ef-doctor-tools-'));
  for (const [name, body] of Object.entries(tools)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return detectHooks({ path: dir, vendorDirs: false });
}
const NO_BMC = `echo 'Could not open device at /dev/ipmi0 or /dev/ipmi/0 or /dev/ipmidev/0: No such file or directory' >&2; exit 1`;
const NO_DRIVER = `echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver." ; exit 9`;
const levels = (checks: { name: string; level: string }[]) =>
  Object.fromEntries(checks.map((c) => [c.name, c.level]));

describe('doctor: firmware hooks and simulated inference on a real site', () => {
  it('fails a site configured with the fake hook or the simulated backend, saying which and how to fix it', async () => {
    for (const [settings, named] of [
      [{ hook: { name: 'fake' } }, /hook fake/],
      [{ backend: { kind: 'simulated' } }, /backend simulated/],
      [{ hook: { name: 'fake' }, backend: { kind: 'simulated' } }, /hook fake.*backend simulated/],
    ] as const) {
      const checks = await hardwareChecks(site(settings), [], '/etc/edgefleet/agent.json');
      const c = checks.find((x) => x.name === 'real hardware and inference');
      expect(c, JSON.stringify(settings)).toMatchObject({ level: 'fail', ok: false });
      expect(c?.detail).toMatch(named);
      expect(c?.detail).toMatch(/would sell simulated inference/);
      expect(c?.fix).toMatch(/\/etc\/edgefleet\/agent\.json/);
    }
  });

  it('an installed site with the defaults ({}) and no vendor tool: hook none (a warning with its fix), ONNX backend, nothing fails', async () => {
    const checks = await hardwareChecks(site(), await host({}));
    expect(levels(checks)).toEqual({
      'real hardware and inference': 'pass',
      'firmware hook none': 'warn',
    });
    expect(checks[0]?.detail).toBe('hook none (none-found), backend onnx');
    expect(checks[1]?.fix).toMatch(/install the accelerator driver/);
  });

  it('does not fail on a vendor tool the agent does not use (ipmitool without a BMC device)', async () => {
    const checks = await hardwareChecks(site(), await host({ ipmitool: NO_BMC }));
    expect(levels(checks)).toEqual({
      'real hardware and inference': 'pass',
      'firmware hook none': 'warn',
      'vendor tools on this host': 'pass',
    });
    expect(checks.find((c) => c.name === 'vendor tools on this host')?.detail).toBe(
      'ipmitool (not used)',
    );
  });

  it('checks the power hook when the site uses it: ipmitool without its device then fails', async () => {
    const checks = await hardwareChecks(
      site({ hook: { power: 'ipmitool' } }),
      await host({ ipmitool: NO_BMC }),
    );
    expect(levels(checks)).toMatchObject({ 'firmware hook ipmitool': 'fail' });
  });

  it('runs the detected vendor tool the agent will use (auto), and fails it with the tool’s own words', async () => {
    const checks = await hardwareChecks(
      site(),
      await host({ 'nvidia-smi': NO_DRIVER, ipmitool: NO_BMC }),
    );
    expect(levels(checks)).toEqual({
      'real hardware and inference': 'pass',
      'firmware hook nvidia-smi': 'fail',
      'vendor tools on this host': 'pass',
    });
    expect(checks[0]?.detail).toBe('hook nvidia-smi (detected), backend onnx');
    expect(checks.find((c) => c.name === 'firmware hook nvidia-smi')?.detail).toMatch(/nvidia-smi/);
    expect(checks.find((c) => c.name === 'vendor tools on this host')?.detail).toBe(
      'ipmitool (not used), nvidia-smi (used)',
    );
  });

  it('an explicit hook none (a CPU-only site by choice) passes', async () => {
    const checks = await hardwareChecks(site({ hook: { name: 'none' } }), []);
    expect(levels(checks)).toEqual({
      'real hardware and inference': 'pass',
      'firmware hook none': 'pass',
    });
  });
});
