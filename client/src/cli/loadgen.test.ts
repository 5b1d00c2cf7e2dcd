import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from './args.js';
import { formatReport, loadgenConfig } from './loadgen.js';
import { buildReport, LoadStats } from '../loadgen/stats.js';
import { configView } from '../loadgen/config.js';
import { AllSitesFailedError } from '../errors.js';

const env = { EDGEFLEET_CUSTOMER: 'fleet-1', EDGEFLEET_TOKEN: 'key-1' };
const cfg = (args: string[], e: NodeJS.ProcessEnv = env) =>
  loadgenConfig(parseCommandLine(['loadgen', ...args]).flags, e);
const usage = (args: string[], e: NodeJS.ProcessEnv = env): string => {
  try {
    cfg(args, e);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`no usage error for ${args.join(' ')}`);
};

describe('edgefleet loadgen flags', () => {
  it('has defaults for everything but the topology; the token and customer come from the environment', () => {
    expect(cfg(['--pops', 'pop-fra, pop-muc'])).toMatchObject({
      coordinator: 'localhost:50051',
      token: 'key-1',
      customer: 'fleet-1',
      vehicles: 50,
      durationS: 30,
      rate: 2,
      hedges: 1,
      model: 'llama-3-8b',
      priority: 0,
      sloMs: 50,
      budgetMicroTokens: 100_000,
      ttlS: 30,
      inferTimeoutMs: 1_000,
      hedgeAfterMs: undefined,
      sessionS: 0,
      seed: 1,
      topology: { kind: 'pops', pops: ['pop-fra', 'pop-muc'] },
    });
  });

  it('reads every option; flags win over the environment', () => {
    const c = cfg([
      '--coordinator',
      'co:1',
      '--token',
      'op-tok',
      '--customer',
      'c2',
      '--vehicles',
      '7',
      '--duration',
      '2.5',
      '--rate',
      '20',
      '--hedges',
      '3',
      '--model',
      'whisper',
      '--priority',
      '9',
      '--slo-ms',
      '12.5',
      '--budget',
      '5000',
      '--ttl-s',
      '6',
      '--session-s',
      '1',
      '--infer-timeout-ms',
      '250',
      '--hedge-after-ms',
      'p95',
      '--seed',
      '9',
      '--max-rtt-ms',
      '15',
      '--box=-34.0,18.6,-33.8,18.3',
      '--speed',
      '13.9',
    ]);
    expect(c).toMatchObject({
      coordinator: 'co:1',
      token: 'op-tok',
      customer: 'c2',
      vehicles: 7,
      durationS: 2.5,
      rate: 20,
      hedges: 3,
      model: 'whisper',
      priority: 9,
      sloMs: 12.5,
      budgetMicroTokens: 5000,
      ttlS: 6,
      sessionS: 1,
      inferTimeoutMs: 250,
      hedgeAfterMs: 'p95',
      seed: 9,
      maxRttMs: 15,
      topology: {
        kind: 'box',
        latMin: -34,
        latMax: -33.8,
        lonMin: 18.3,
        lonMax: 18.6,
        speedMps: 13.9,
      },
    });
    expect(configView(c)).not.toHaveProperty('token');
  });

  it('refuses bad values with a message naming the flag', () => {
    expect(usage([])).toMatch(/^missing topology: --pops/);
    expect(usage(['--pops', 'p'], {})).toBe(
      'missing --customer (or EDGEFLEET_CUSTOMER, or a customer API key as --token)',
    );
    expect(usage(['--pops', 'p', '--box', '1,2,3,4'])).toMatch(/^choose one topology/);
    expect(usage(['--pops', ' , '])).toMatch(/--pops needs at least one PoP id/);
    expect(usage(['--pops', 'p', '--speed', '10'])).toMatch(
      /--speed moves vehicles inside a --box/,
    );
    expect(usage(['--box', '1,2,3'])).toMatch(/^--box must be LAT1,LON1,LAT2,LON2/);
    expect(usage(['--box', '1,2,x,4'])).toMatch(/^--box must be/);
    expect(usage(['--box', '95,2,3,4'])).toMatch(/latitudes must be within/);
    expect(usage(['--box', '1,2,3,4', '--speed', '400'])).toBe(
      '--speed must be a number in [0, 399] (got "400")',
    );
    expect(usage(['--pops', 'p', '--vehicles', '0'])).toBe(
      '--vehicles must be an integer in [1, 10000] (got "0")',
    );
    expect(usage(['--pops', 'p', '--vehicles', '2.5'])).toMatch(/^--vehicles must be an integer/);
    expect(usage(['--pops', 'p', '--duration', '0'])).toMatch(
      /^--duration must be a number in \[0\.1, 3600\]/,
    );
    expect(usage(['--pops', 'p', '--duration', '7200'])).toMatch(/^--duration must be/);
    expect(usage(['--pops', 'p', '--rate', '0'])).toMatch(/^--rate must be/);
    expect(usage(['--pops', 'p', '--vehicles', '10000', '--rate', '10'])).toMatch(
      /--vehicles × --rate is 100000 requests\/s; at most 50000/,
    );
    expect(usage(['--pops', 'p', '--priority', '10'])).toBe(
      '--priority must be an integer in [0, 9] (got "10")',
    );
    expect(usage(['--pops', 'p', '--hedges', '4'])).toMatch(
      /^--hedges must be an integer in \[0, 3\]/,
    );
    expect(usage(['--pops', 'p', '--slo-ms', '0'])).toMatch(/^--slo-ms must be/);
    expect(usage(['--pops', 'p', '--budget', '1.5'])).toMatch(/^--budget must be an integer/);
    expect(usage(['--pops', 'p', '--hedge-after-ms', 'soon'])).toMatch(
      /^--hedge-after-ms must be a number/,
    );
  });

  it('an unknown flag is a usage error from the parser', () => {
    expect(() => parseCommandLine(['loadgen', '--vehicle', '3'])).toThrow(UsageError);
  });
});

describe('the loadgen report', () => {
  it('reads as a table plus key/value lines, and lists the errors by count', () => {
    const s = new LoadStats();
    s.acquiresOk = 3;
    s.acquireFailed(new UsageError('x'));
    s.infersOk = 1200;
    s.inferFailed(Object.assign(new Error('boom'), { name: 'TypeError' }));
    s.inferFailed(
      new AllSitesFailedError('all failed', {
        failures: [{ reason: 'LEASE_TOKEN_EXPIRED' }, { reason: 'UNAVAILABLE' }],
      }),
    );
    s.attemptsFailed([{ reason: 'LEASE_TOKEN_EXPIRED' }]);
    for (let i = 1; i <= 100; i++) s.latency.record(i);
    s.sloViolations = 50;
    s.burnedMicroTokens = 12_345;
    s.reroutes = 2;
    s.served('a');
    const c = cfg(['--pops', 'pop-fra', '--vehicles', '3', '--duration', '10', '--slo-ms', '50']);
    const text = formatReport(buildReport(s, configView(c), 0, 10_000, false));
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'edgefleet loadgen: 3 vehicles × 2 req/s for 10 s → localhost:50051 (customer fleet-1, model llama-3-8b, priority 0, 1 hedge(s), PoPs pop-fra)',
    );
    expect(text).toMatch(/\nacquires\s+3\s+1\n/);
    expect(text).toMatch(/\ninfers\s+1200\s+2\n/);
    expect(text).toMatch(/\nthroughput\s+120 req\/s served \(6 req\/s offered/);
    expect(text).toMatch(/\nlatency\s+p50 50\.0 ms · p95 95\.5 ms · p99 99\.4 ms · max 100 ms/);
    expect(text).toMatch(/\nSLO 50 ms\s+50 served slower \(4\.17 %\)/);
    expect(text).toMatch(/\nwatch\s+2 reroutes/);
    expect(text).toMatch(/\nburned\s+12,345 µT \(0\.012345 T\)/);
    expect(text).toMatch(
      /\nacquire errors\s+USAGE ×1\ninfer errors\s+TypeError ×1, ALL_SITES_FAILED ×1\nfailed attempts\s+LEASE_TOKEN_EXPIRED ×2, UNAVAILABLE ×1$/,
    );
  });
});
