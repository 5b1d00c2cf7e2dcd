import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';

/** main() in this process, with its output captured. */
async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: {},
  });
  return { code, out: out.join('\n'), err };
}

describe('edgefleet usage errors exit 2 with a one-line hint; --version exits 0', () => {
  it.each([
    [['lease', 'steal'], 'unknown command "lease steal"', 'usage: edgefleet <command> [flags]'],
    [['frobnicate'], 'unknown command "frobnicate"', 'usage: edgefleet <command> [flags]'],
    [['sites', '--bogus'], 'unknown flag --bogus', 'usage: edgefleet sites '],
    [['sites', '--json=yes'], '--json takes no value', 'usage: edgefleet sites '],
    [['lease', 'acquire', '--model'], '--model needs a value', 'usage: edgefleet lease acquire '],
    [
      ['lease', 'acquire', '--pop', 'p', '--budget', '1'],
      'missing --model',
      'usage: edgefleet lease acquire ',
    ],
    [
      ['lease', 'acquire', '--model', 'm', '--pop', 'p', '--budget', 'lots'],
      '--budget must be an integer in [1, ∞] (got "lots")',
      'usage: edgefleet lease acquire ',
    ],
    [
      ['lease', 'acquire', '--model', 'm', '--pop', 'p', '--budget', '9', '--isolation', 'vm'],
      '--isolation must be one of whole, mig, timeslice (got "vm")',
      'usage: edgefleet lease acquire ',
    ],
    [['sites', '--limit', 'ten'], '--limit must be an integer', 'usage: edgefleet sites '],
    [['loadgen', '--pops', 'a', '--vehicles', '2.5'], '--vehicles must be an integer', 'loadgen'],
    [['recon', 'show'], 'missing --RUN', 'usage: edgefleet recon show RUN'],
    [['sites', 'extra'], 'unexpected argument "extra" for sites', 'usage: edgefleet sites '],
  ])('%j', async (argv, error, hint) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toHaveLength(2);
    expect(r.err[0]).toContain(error);
    expect(r.err[0]).toMatch(/^edgefleet: .*\[USAGE\]$/);
    expect(r.err[1]).toContain(hint);
  });

  it('--json: one JSON line with the usage hint in it', async () => {
    const r = await run(['lease', 'acquire', '--json', '--pop', 'p']);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(JSON.parse(r.err[0] ?? '')).toMatchObject({
      error: {
        code: 'USAGE',
        message: 'missing --model',
        usage: expect.stringMatching(/^usage: edgefleet lease acquire /) as string,
      },
    });
  });

  it('a failure that is not a usage error still exits 1', async () => {
    const r = await run(['sites', '--api', 'http://127.0.0.1:1', '--timeout-ms', '2000']);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/API_UNAVAILABLE/);
  });

  it('--version prints the package version and exits 0; --help exits 0', async () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, out: `edgefleet ${pkg.version}`, err: [] });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Exit status: 0 done, 1 failed, 2 usage error/);
  });
});
