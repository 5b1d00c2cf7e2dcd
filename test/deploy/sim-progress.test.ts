import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTs, type Proc } from '../support/processes.js';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';

/** `edgefleet-agent sim` reports progress while a fleet worth waiting for starts. */
describe('edgefleet-agent sim progress', () => {
  let coord: CoordinatorProc;
  let sim: Proc | undefined;
  beforeAll(async () => {
    coord = await startCoordinatorProcess();
  }, 90_000);
  afterAll(async () => {
    await sim?.kill();
    await coord?.proc.kill();
  });

  it("prints the coordinator's online count until all 21 sites run", async () => {
    sim = runTs('agent/src/cli.ts', [
      'sim',
      '--sites',
      '21',
      '--coordinator',
      coord.http,
      '--token',
      coord.adminToken,
      '--data-dir',
      mkdtempSync(join(tmpdir(), 'ef-simp-')),
    ]);
    await sim.waitFor(/21 simulated sites running/, 120_000);
    const out = sim.output();
    const progress = [
      ...out.matchAll(/sim: starting 21 sites… coordinator sees (\d+) online \(\d+ s\)/g),
    ].map((m) => Number(m[1]));
    expect(progress.length, out.slice(-2000)).toBeGreaterThan(0);
    expect(progress.every((n) => n >= 0 && n <= 21)).toBe(true);
    expect(out.indexOf('sim: starting')).toBeLessThan(out.indexOf('21 simulated sites running'));
  }, 150_000);
});
