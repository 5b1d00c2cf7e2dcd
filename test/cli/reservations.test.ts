import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { runTs } from '../support/processes.js';

let coord: CoordinatorProc;

/** The edgefleet CLI as a child process against the real coordinator (no EDGEFLEET_* from outside). */
async function edgefleet(args: string[], token: string) {
  const clean = Object.fromEntries(
    Object.keys(process.env)
      .filter((k) => k.startsWith('EDGEFLEET_') && k !== 'EDGEFLEET_LOG_LEVEL')
      .map((k) => [k, '']),
  );
  const p = runTs('client/src/cli.ts', ['--api', coord.http, ...args], {
    ...clean,
    EDGEFLEET_TOKEN: token,
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

// With no site enrolled nothing can be booked: these runs hold the CLI's calls to the coordinator's
// answers (src/http/routes-reservations.test.ts books, refuses and cancels against sites).
describe('edgefleet reservations against a real coordinator', () => {
  it('book goes out for the customer and comes back refused by name; list, show and cancel answer', async () => {
    const t = coord.adminToken;
    const book = await edgefleet(
      [
        'reservations',
        'book',
        '--customer',
        'fleet-r',
        '--region',
        'eu-west',
        '--slots',
        '2',
        '--start',
        new Date(Date.now() + 86_400_000).toISOString(),
        '--end',
        String(Date.now() + 90_000_000),
      ],
      t,
    );
    expect(book.code).toBe(1);
    expect(book.output).toContain('INVALID_RESERVATION');
    const list = await edgefleet(['reservations', 'list', '--customer', 'fleet-r', '--json'], t);
    expect([list.code, JSON.parse(list.stdout)]).toEqual([0, { items: [] }]);
    const cancel = await edgefleet(['reservations', 'cancel', 'rsv-nope'], t);
    expect(cancel.code).toBe(1);
    expect(cancel.output).toContain('RESERVATION_NOT_FOUND');
    const bad = await edgefleet(['reservations', 'book', '--slots', '1'], t);
    expect(bad.code).toBe(2);
    expect(bad.output).toContain('missing --region or --sites');
  }, 120_000);
});
