import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/index.js';
import { TEST_BACKENDS, TEST_PG_URL, dropSchema } from '../db/db.test-support.js';
import { runAndKill } from './crash-worker.test-support.js';
import { createLedger } from './ledger.js';

const worker = fileURLToPath(new URL('./slice-crash-worker.fixture.ts', import.meta.url));

const one = async (db: Db, sql: string): Promise<number> =>
  Number((await db.query<{ n: number }>(sql))[0]?.n ?? 0);

// The fixture opens PGlite in its own thread: the worker-thread backend would repeat the pglite case.
describe.each(TEST_BACKENDS.filter((k) => k !== 'pglite-worker'))(
  'a replica SIGKILLed with escrowed slices on %s',
  (kind) => {
    it.each(['restarts', 'is swept by another replica'] as const)(
      'gets every escrowed µT back to the customers when it %s',
      async (recovery) => {
        const dir = await mkdtemp(join(tmpdir(), 'edgefleet-slice-crash-'));
        const schema = `t_${randomBytes(6).toString('hex')}`;
        const open = (): Promise<Db> =>
          kind === 'postgres' ? openDb({ url: TEST_PG_URL, schema }) : openDb({ dataDir: dir });
        try {
          const reported = await runAndKill(
            worker,
            kind === 'postgres' ? ['postgres', TEST_PG_URL, schema] : ['pglite', dir],
            40,
          );
          expect(reported).toBeGreaterThanOrEqual(40);
          const db = await open();
          const customers = "('customer:crash-a', 'customer:crash-b')";
          const escrowed = await one(
            db,
            "SELECT COALESCE(sum(balance), 0) AS n FROM accounts WHERE kind = 'slice'",
          );
          const before = await one(
            db,
            `SELECT sum(balance) AS n FROM accounts WHERE id IN ${customers}`,
          );
          expect(escrowed).toBeGreaterThan(0);
          const ledger = await createLedger(db, {
            slices:
              recovery === 'restarts'
                ? { replicaId: 'crashed-replica', tickMs: 0 }
                : { replicaId: 'survivor', tickMs: 0, goneAfterMs: 1 },
          });
          try {
            if (recovery !== 'restarts') {
              await new Promise((r) => setTimeout(r, 5));
              await ledger.slices?.tick();
            }
            expect(
              await one(
                db,
                "SELECT COALESCE(sum(balance), 0) AS n FROM accounts WHERE kind = 'slice'",
              ),
            ).toBe(0);
            expect(
              await one(db, `SELECT sum(balance) AS n FROM accounts WHERE id IN ${customers}`),
            ).toBe(before + escrowed);
            // Nothing lost: each customer's account plus its open holds is what it was given.
            expect(
              await one(
                db,
                `SELECT (SELECT sum(balance) FROM accounts WHERE id IN ${customers})
                      + (SELECT COALESCE(sum(amount - posted - released), 0) FROM holds WHERE status = 'pending') AS n`,
              ),
            ).toBe(20_000_000);
            // Every durable hold has its lease: none was written without one.
            expect(
              await one(
                db,
                'SELECT count(*) AS n FROM holds h WHERE NOT EXISTS (SELECT 1 FROM leases l WHERE l.hold_id = h.id)',
              ),
            ).toBe(0);
            await ledger.checkInvariants();
            expect(await ledger.totalOfAllBalances()).toBe(0);
          } finally {
            await ledger.close();
          }
        } finally {
          await rm(dir, { recursive: true, force: true });
          if (kind === 'postgres') {
            await dropSchema(schema);
          }
        }
      },
      120_000,
    );
  },
);
