import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { runTs } from '../support/processes.js';

interface Run {
  code: number | null;
  stdout: string;
  output: string;
}

let coord: CoordinatorProc;

/** The edgefleet CLI as a child process against the real coordinator (no EDGEFLEET_* from outside). */
async function edgefleet(args: string[], token?: string): Promise<Run> {
  const clean = Object.fromEntries(
    Object.keys(process.env)
      .filter((k) => k.startsWith('EDGEFLEET_') && k !== 'EDGEFLEET_LOG_LEVEL')
      .map((k) => [k, '']),
  );
  const p = runTs(
    'client/src/cli.ts',
    // Defaults first: a flag the case gives again wins (the last one counts).
    ['--api', coord.http, '--coordinator', coord.grpc, ...args],
    {
      ...clean,
      ...(token === undefined ? {} : { EDGEFLEET_TOKEN: token }),
    },
  );
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

describe('edgefleet api-keys and whoami against a real coordinator', () => {
  it('creates, lists and revokes a key; whoami and lease acquire take the customer from the key', async () => {
    const created = await edgefleet(
      ['api-keys', 'create', '--customer', 'fleet-k', '--note', 'gateway eu-1', '--json'],
      coord.adminToken,
    );
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout) as { keyId: string; token: string; customerId: string };
    expect(key).toMatchObject({ customerId: 'fleet-k', token: expect.stringMatching(/^efk_/) });

    const listed = await edgefleet(['api-keys', 'list', '--customer', 'fleet-k'], coord.adminToken);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^keyId\s+state\s+created\s+revoked\s+note\n/);
    expect(listed.stdout).toMatch(new RegExp(`\\n${key.keyId}\\s+live\\s+\\S+\\s+gateway eu-1\\n`));
    expect(listed.stdout).not.toContain(key.token);

    const who = await edgefleet(['whoami', '--json'], key.token);
    expect([who.code, JSON.parse(who.stdout)]).toEqual([
      0,
      { kind: 'customer', customerId: 'fleet-k' },
    ]);
    // No --customer: the acquire goes out for the key's customer and passes the LeaseBroker's key
    // check (another customer's id would be PERMISSION_DENIED); with no site up, routing refuses it.
    // test/loadgen/loadgen.test.ts runs the same with sites, and the report names the customer.
    const acquire = await edgefleet(
      ['lease', 'acquire', '--model', 'm', '--pop', 'p', '--budget', '1000'],
      key.token,
    );
    expect(acquire.code).toBe(1);
    expect(acquire.output).toMatch(/^edgefleet: acquire: NO_SITE: /m);
    const other = await edgefleet(
      ['lease', 'acquire', '--model', 'm', '--pop', 'p', '--budget', '1000', '--customer', 'x'],
      key.token,
    );
    expect(other.output).toMatch(/PERMISSION_DENIED|belongs to customer fleet-k, not x/);

    const revoked = await edgefleet(
      ['api-keys', 'revoke', '--customer', 'fleet-k', key.keyId],
      coord.adminToken,
    );
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/^customer\s+fleet-k\nkey\s+k-/);
    const after = await edgefleet(
      ['api-keys', 'list', '--customer', 'fleet-k', '--json'],
      coord.adminToken,
    );
    const items = (
      JSON.parse(after.stdout) as { items: { keyId: string; revokedAtMs: number | null }[] }
    ).items;
    expect(items.find((k) => k.keyId === key.keyId)?.revokedAtMs).toBeGreaterThan(0);
    const again = await edgefleet(
      ['api-keys', 'revoke', '--customer', 'fleet-k', key.keyId],
      coord.adminToken,
    );
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/UNKNOWN_API_KEY/);
    // A revoked key names no customer any more.
    const gone = await edgefleet(
      ['lease', 'acquire', '--model', 'm', '--pop', 'p', '--budget', '1'],
      key.token,
    );
    expect(gone.code).toBe(1);
    expect(gone.output).toMatch(/^edgefleet: UNAUTHENTICATED: the bearer token was rejected/m);
    const noApi = await edgefleet(
      ['loadgen', '--pops', 'p', '--api', 'http://127.0.0.1:1', '--timeout-ms', '2000'],
      key.token,
    );
    expect(noApi.code).toBe(1);
    expect(noApi.output).toMatch(/cannot learn the customer of --token .* pass --customer/);
  }, 240_000);

  it('a staff token needs --customer (exit 2); a wrong token is told it was rejected, no token that one is required', async () => {
    const staff = await edgefleet(
      ['lease', 'acquire', '--model', 'm', '--pop', 'p', '--budget', '1'],
      coord.adminToken,
    );
    expect(staff.code).toBe(2);
    expect(staff.output).toMatch(/missing --customer \(--token is a staff token of role admin/);
    const [wrong, none] = await Promise.all([
      edgefleet(['api-keys', 'list', '--customer', 'fleet-k'], 'adm_typo'),
      edgefleet(['api-keys', 'list', '--customer', 'fleet-k']),
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.output).toMatch(/UNAUTHENTICATED: the bearer token was rejected/);
    expect(none.code).toBe(1);
    expect(none.output).toMatch(/UNAUTHENTICATED: a bearer token is required/);
  }, 240_000);
});
