import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApi, type FakeApi } from './testing/fake-api.js';
import { FakeFleet } from './testing/fake-fleet.js';

const BIN = fileURLToPath(new URL('../bin/edgefleet.js', import.meta.url));

let fleet: FakeFleet;
let api: FakeApi;

beforeAll(async () => {
  fleet = await FakeFleet.start(['a', 'b', 'c'], { c1: 1_000_000, poor: 10 });
  api = await startFakeApi(fleet.coordinator.balances, 'admin-token');
});
afterAll(async () => {
  fleet.close();
  await api.close();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real launcher as a child process (async: the servers live in this process). */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('EDGEFLEET_')),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        env: {
          ...base,
          EDGEFLEET_COORDINATOR: fleet.coordinator.address,
          EDGEFLEET_API: api.url,
          EDGEFLEET_CUSTOMER: 'c1',
          ...env,
        },
      },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const json = (r: Run): Record<string, unknown> => JSON.parse(r.stdout) as Record<string, unknown>;
const errJson = (r: Run) =>
  (JSON.parse(r.stderr.trim()) as { error: { code: string; message: string } }).error;

describe('edgefleet CLI (child process against real gRPC and HTTP servers)', () => {
  it('sites: JSON passthrough, an aligned table otherwise, bearer token sent', async () => {
    const [j, t] = await Promise.all([
      cli(['sites', '--json', '--token', 'tok-1']),
      cli(['sites']),
    ]);
    expect(j.code).toBe(0);
    expect((json(j)['items'] as { siteId: string }[]).map((s) => s.siteId)).toEqual(['a', 'b']);
    expect(
      api.requests.some((r) => r.path === '/api/v1/sites' && r.authorization === 'Bearer tok-1'),
    ).toBe(true);
    expect(t.code).toBe(0);
    const lines = t.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^siteId\s+state\s+lat\s+lon\s+slotsFree\s+pricePerKwhNow$/);
    expect(lines[2]).toMatch(/^a\s+online\s+50\.11\s+8\.68\s+3\s+0\.21$/);
    expect(lines).toHaveLength(4);
  });

  it('lease acquire prints the lease set; lease release returns the budget', async () => {
    const acq = await cli([
      'lease',
      'acquire',
      '--json',
      '--model',
      'llama',
      '--pop',
      'pop-fra1',
      '--budget',
      '40000',
      '--hedges',
      '2',
      '--max-rtt-ms',
      '10',
      '--domestic-only',
      '--accelerator',
      'ascend-910b',
    ]);
    expect(acq.stderr).toBe('');
    expect(acq.code).toBe(0);
    const out = json(acq) as {
      holdId: string;
      primary: { siteId: string; token: string };
      hedges: { siteId: string }[];
    };
    expect(out.primary.siteId).toBe('a');
    expect(out.hedges.map((h) => h.siteId)).toEqual(['b', 'c']);
    expect(out.primary.token).toMatch(/^tok:a:/);
    const req = fleet.coordinator.acquireRequests.at(-1);
    expect([
      req?.location?.pop_id,
      req?.max_rtt_ms,
      req?.domestic_only,
      req?.accelerator_kinds,
    ]).toEqual(['pop-fra1', 10, true, ['ascend-910b']]);

    const rel = await cli(['lease', 'release', '--hold', out.holdId, '--json']);
    expect(rel.code).toBe(0);
    expect(json(rel)).toEqual({
      holdId: out.holdId,
      burnedMicroTokens: 0,
      releasedMicroTokens: 40_000,
    });
  });

  it('lease acquire by lat/lon (negative longitude) prints a readable table', async () => {
    const r = await cli([
      'lease',
      'acquire',
      '--model',
      'llama',
      '--lat',
      '40.4',
      '--lon=-3.7',
      '--budget',
      '1000',
      '--hedges',
      '1',
    ]);
    expect(r.code).toBe(0);
    expect(fleet.coordinator.acquireRequests.at(-1)?.location).toMatchObject({
      has_coordinates: true,
      lat: 40.4,
      lon: -3.7,
    });
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^hold hold-\d+ /);
    expect(lines[1]).toMatch(/^role\s+siteId\s+endpoint/);
    expect(lines[3]).toMatch(/^primary\s+a\s+127\.0\.0\.1:\d+/);
    expect(lines[4]).toMatch(/^hedge 1\s+b\s+/);
  });

  it("lease acquire sends priority and a moving caller's speed and heading", async () => {
    const r = await cli([
      'lease',
      'acquire',
      '--json',
      '--model',
      'llama',
      '--lat',
      '48.14',
      '--lon=-3.7',
      '--budget',
      '1000',
      '--priority',
      '5',
      '--speed',
      '25',
      '--heading',
      '90',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fleet.coordinator.acquireRequests.at(-1)).toMatchObject({
      priority: 5,
      location: {
        has_coordinates: true,
        lat: 48.14,
        lon: -3.7,
        has_velocity: true,
        speed_mps: 25,
        heading_deg: 90,
      },
    });
    const still = await cli([
      'lease',
      'acquire',
      '--json',
      '--model',
      'llama',
      '--pop',
      'pop-fra1',
      '--budget',
      '1000',
    ]);
    expect(still.code).toBe(0);
    expect(fleet.coordinator.acquireRequests.at(-1)).toMatchObject({
      priority: 0,
      location: { pop_id: 'pop-fra1', has_velocity: false },
    });
    const bad = await Promise.all([
      cli([
        'lease',
        'acquire',
        '--model',
        'm',
        '--lat',
        '1',
        '--lon',
        '1',
        '--budget',
        '1',
        '--speed',
        '25',
      ]),
      cli([
        'lease',
        'acquire',
        '--model',
        'm',
        '--pop',
        'p',
        '--budget',
        '1',
        '--speed',
        '25',
        '--heading',
        '0',
      ]),
      cli(['lease', 'acquire', '--model', 'm', '--pop', 'p', '--budget', '1', '--priority', '12']),
    ]);
    expect(bad.map((b) => b.code)).toEqual([2, 2, 2]);
    expect(bad[0]?.stderr).toMatch(
      /missing --heading \(degrees, 0 = north, 90 = east; with --speed\)/,
    );
    expect(bad[1]?.stderr).toMatch(
      /--speed and --heading describe a moving caller at --lat\/--lon/,
    );
    expect(bad[2]?.stderr).toMatch(/--priority must be an integer in \[0, 9\] \(got "12"\)/);
  }, 90_000);

  it('infer: acquire, infer, release; prints output, site and µT burned', async () => {
    const before = fleet.coordinator.balances.get('c1') ?? 0;
    const r = await cli([
      'infer',
      '--json',
      '--model',
      'llama',
      '--pop',
      'pop-fra1',
      '--budget',
      '5000',
      'hello',
      'edge',
    ]);
    expect(r.code).toBe(0);
    expect(json(r)).toMatchObject({
      output: '[a] hello edge',
      siteId: 'a',
      attempts: 1,
      burnedMicroTokens: 7,
      releasedMicroTokens: 4_993,
    });
    expect(fleet.coordinator.balances.get('c1')).toBe(before - 7);
    const t = await cli([
      'infer',
      '--model',
      'llama',
      '--pop',
      'pop-fra1',
      '--budget',
      '5000',
      'plain',
    ]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^\[a\] plain\n/);
    expect(t.stdout).toMatch(/site\s+a \(127\.0\.0\.1:\d+\)/);
    expect(t.stdout).toMatch(/burned\s+7 µT \(0\.000007 T\)/);
  });

  it('infer fails over to a hedge when the primary site is down', async () => {
    const local = await FakeFleet.start(['x', 'y'], { c9: 100_000 });
    try {
      local.agent('x').kill();
      const r = await cli([
        'infer',
        '--json',
        '--model',
        'm',
        '--pop',
        'p',
        '--budget',
        '1000',
        '--customer',
        'c9',
        '--coordinator',
        local.coordinator.address,
        'hi',
      ]);
      expect(r.code).toBe(0);
      expect(json(r)).toMatchObject({ output: '[y] hi', siteId: 'y', attempts: 2 });
    } finally {
      local.close();
    }
  });

  it('balance and topup go through the REST API; topup needs the admin token', async () => {
    const missing = await cli(['balance', '--customer', 'c2']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('edgefleet: NOT_FOUND: customer c2 not found (HTTP 404)\n');
    const denied = await cli(['topup', '--customer', 'c2', '--micro-tokens', '500', '--json']);
    expect(denied.code).toBe(1);
    expect(errJson(denied)).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'UNAUTHORIZED: admin role required (HTTP 401)',
    });
    const ok = await cli(['topup', '--customer', 'c2', '--micro-tokens', '500', '--json'], {
      EDGEFLEET_TOKEN: 'admin-token',
    });
    expect(ok.code).toBe(0);
    expect(api.requests.at(-1)?.body).toEqual({ microTokens: 500 });
    const b = await cli(['balance', '--customer', 'c2']);
    expect(b.stdout).toMatch(/^customer\s+c2\navailable\s+500 µT \(0\.000500 T\)\nheld\s+0 µT/);
  }, 90_000);

  it('recon runs shows per-run totals and the next page cursor', async () => {
    const r = await cli(['recon', 'runs']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^runId\s+started\s+sites\s+accepted\s+duplicate\s+gap\s+overBudget\s+unknownLease\s+late\s+tampered$/,
    );
    expect(lines[2]).toMatch(
      /^run-1\s+2023-11-14T22:13:20\.000Z\s+2\s+15\s+1\s+2\s+1\s+0\s+0\s+1$/,
    );
    expect(lines.at(-1)).toBe('(more: --cursor c2)');
    expect(json(await cli(['recon', 'runs', '--json']))['nextCursor']).toBe('c2');
  });

  it('fails with exit 1 and one clear line, no stack trace; a usage error exits 2 with a hint', async () => {
    const [poor, usage, unknown, noApi, noCoord, version] = await Promise.all([
      cli(['infer', '--model', 'm', '--pop', 'p', '--budget', '5000', '--customer', 'poor', 'x']),
      cli(['lease', 'acquire', '--pop', 'p', '--budget', '1', '--json']),
      cli(['lease', 'steal']),
      cli(['sites', '--api', 'http://127.0.0.1:1']),
      cli([
        'lease',
        'release',
        '--hold',
        'h',
        '--coordinator',
        '127.0.0.1:1',
        '--timeout-ms',
        '2000',
      ]),
      cli(['--version']),
    ]);
    for (const r of [poor, usage, unknown, noApi, noCoord]) {
      expect(r.code).toBe(r === usage || r === unknown ? 2 : 1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(r === unknown ? 2 : 1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(unknown.stderr.trim().split('\n')[1]).toMatch(/^usage: edgefleet <command> \[flags\]/);
    expect(version).toMatchObject({ code: 0, stderr: '' });
    expect(version.stdout).toMatch(/^edgefleet \d+\.\d+\.\d+\n$/);
    expect(poor.stderr).toMatch(
      /^edgefleet: acquire: INSUFFICIENT_BALANCE: customer poor has 10 µT available, 5000 requested\n$/,
    );
    expect(errJson(usage)).toMatchObject({ code: 'USAGE', message: 'missing --model' });
    expect(unknown.stderr).toContain('unknown command "lease steal"');
    expect(noApi.stderr).toMatch(/API_UNAVAILABLE|cannot reach the API/);
    expect(noCoord.stderr).toContain('COORDINATOR_UNAVAILABLE');
    const debug = await cli(['lease', 'acquire', '--debug']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  }, 90_000);
});
