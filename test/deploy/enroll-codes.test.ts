import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTs } from '../support/processes.js';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';

/** `edgefleet enroll-codes` as a process against a live coordinator: chunks, progress, CSV, errors. */
describe('edgefleet enroll-codes', () => {
  let coord: CoordinatorProc;
  beforeAll(async () => {
    coord = await startCoordinatorProcess();
  }, 90_000);
  afterAll(async () => coord?.proc.kill());

  it('issues a large batch in chunks with progress on stderr and prints a CSV of working codes', async () => {
    const p = runTs('client/src/cli.ts', [
      'enroll-codes',
      '--count',
      '1200',
      '--csv',
      '--api',
      coord.http,
      '--token',
      coord.adminToken,
    ]);
    expect(await p.exited, p.output()).toBe(0);
    const out = p.output();
    expect(out).toContain('issued 500/1200 codes (42%)');
    expect(out).toContain('issued 1200/1200 codes (100%)');
    const rows = out.split('\n').filter((l) => /^EF-[A-Z0-9-]+,\d{4}-/.test(l));
    expect(rows).toHaveLength(1200);
    expect(new Set(rows.map((r) => r.split(',')[0])).size).toBe(1200);
    const code = rows[1199]?.split(',')[0];
    const enrolled = await fetch(`${coord.http}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'from csv', lat: 1, lon: 2 }),
    });
    expect(enrolled.status).toBe(201);
  }, 60_000);

  it('fails with the API error and exit 1 for an unknown token', async () => {
    const p = runTs('client/src/cli.ts', [
      'enroll-codes',
      '--count',
      '3',
      '--api',
      coord.http,
      '--token',
      'not-a-real-token-at-all',
    ]);
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/UNAUTHENTICATED: the bearer token was rejected/);
    expect(p.output()).toContain('stopped after 0 of 3 codes');
  }, 30_000);
});
