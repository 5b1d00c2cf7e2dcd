import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { runTs } from '../support/processes.js';

let coord: CoordinatorProc;

/** The edgefleet CLI as a child process against the real coordinator (no EDGEFLEET_* from outside). */
async function edgefleet(
  args: string[],
): Promise<{ code: number | null; stdout: string; output: string }> {
  const clean = Object.fromEntries(
    Object.keys(process.env)
      .filter((k) => k.startsWith('EDGEFLEET_') && k !== 'EDGEFLEET_LOG_LEVEL')
      .map((k) => [k, '']),
  );
  const p = runTs('client/src/cli.ts', ['--api', coord.http, ...args], {
    ...clean,
    EDGEFLEET_TOKEN: coord.adminToken,
  });
  let stdout = '';
  p.child.stdout?.on('data', (b: Buffer) => {
    stdout += b.toString();
  });
  const code = await p.exited;
  return { code, stdout, output: p.output() };
}

beforeAll(async () => {
  coord = await startCoordinatorProcess();
}, 180_000);
afterAll(async () => {
  await coord?.proc.kill();
});

describe('edgefleet packages and purchases against a real coordinator', () => {
  it('defines a package, buys it once per purchase id, lists both', async () => {
    const define = [
      'packages',
      'define',
      'h100-100',
      '--name',
      '100 H100-hours',
      '--tokens',
      '100',
      '--price',
      '150.00',
      '--currency',
      'EUR',
      '--valid-days',
      '90',
    ];
    const made = await edgefleet(define);
    expect(made.code, made.output).toBe(0);
    expect(made.stdout).toContain('150.00 EUR');
    const list = await edgefleet(['packages', 'list']);
    expect(list.stdout).toMatch(/h100-100\s+100 H100-hours\s+/);

    const buy = [
      'purchases',
      'buy',
      '--customer',
      'fleet-p',
      '--package',
      'h100-100',
      '--purchase-id',
      'order-1',
      '--json',
    ];
    const first = await edgefleet(buy);
    expect(first.code, first.output).toBe(0);
    const retry = await edgefleet(buy);
    expect(JSON.parse(retry.stdout)).toEqual(JSON.parse(first.stdout));
    expect(JSON.parse(first.stdout)).toMatchObject({
      microTokens: 100_000_000,
      price: '150.00 EUR',
    });
    const balance = await edgefleet(['balance', '--customer', 'fleet-p', '--json']);
    expect(JSON.parse(balance.stdout)).toMatchObject({ available: 100_000_000 });
    const bought = await edgefleet(['purchases', 'list', '--customer', 'fleet-p']);
    expect(bought.stdout).toMatch(/order-1\s+h100-100\s+/);

    const badPrice = await edgefleet([
      ...define.slice(0, 8),
      '150.001',
      '--currency',
      'EUR',
      '--valid-days',
      '1',
    ]);
    expect(badPrice.code).toBe(2);
    expect(badPrice.output).toContain('--price must be an amount in EUR with at most 2 decimals');
  });

  it("prints a statement's money: the burn totals at the customer's package price", async () => {
    const buy = ['purchases', 'buy', '--customer', 'fleet-s', '--package', 'h100-100'];
    expect((await edgefleet(buy)).code).toBe(0);
    // No burn yet: a zero total, priced at the package bought (150.00 EUR for 100 tokens).
    const stmt = await edgefleet(['statement', '--customer', 'fleet-s']);
    expect(stmt.code, stmt.output).toBe(0);
    expect(stmt.stdout).toMatch(/package_purchase/);
    expect(stmt.stdout).toContain(
      'burned on this page: 0 µT = 0.00 EUR at 1.50 EUR per token (package h100-100)',
    );
  }, 60_000);
});
