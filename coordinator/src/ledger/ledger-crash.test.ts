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

const worker = fileURLToPath(new URL('./crash-worker.fixture.ts', import.meta.url));

// The fixture opens PGlite in its own thread: the worker-thread backend would repeat the pglite case.
describe.each(TEST_BACKENDS.filter((k) => k !== 'pglite-worker'))(
  'ledger after SIGKILL on %s',
  (kind) => {
    it('reopens with every reported commit kept and every invariant intact', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'edgefleet-crash-'));
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const open = (): Promise<Db> =>
        kind === 'postgres' ? openDb({ url: TEST_PG_URL, schema }) : openDb({ dataDir: dir });
      try {
        const reported = await runAndKill(
          worker,
          kind === 'postgres' ? ['postgres', TEST_PG_URL, schema] : ['pglite', dir],
          25,
        );
        expect(reported).toBeGreaterThanOrEqual(25);
        const db = await open();
        const ledger = await createLedger(db);
        try {
          await ledger.checkInvariants();
          expect(await ledger.totalOfAllBalances()).toBe(0);
          // every step the worker reported had committed its top-up
          const [row] = await db.query<{ n: number }>(
            "SELECT count(*) AS n FROM transfers WHERE kind = 'top_up' AND ref LIKE 'step-%'",
          );
          expect(row?.n).toBeGreaterThanOrEqual(reported);
          // and the ledger carries on: everything staged reconciles onto an unbroken chain
          const run = await ledger.reconcile(1_700_000_200_000);
          const site = run.sites.find((s) => s.siteId === 'crash-site');
          const [staged] = await db.query<{ n: number; max: number }>(
            "SELECT count(*) AS n, max(seq) AS max FROM burns WHERE site_id = 'crash-site'",
          );
          expect(site?.resendFrom ?? 0).toBe(0);
          expect((await ledger.chainHead('crash-site')).seq).toBe(staged?.max);
          await ledger.checkInvariants();
        } finally {
          await ledger.close();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
        if (kind === 'postgres') {
          await dropSchema(schema);
        }
      }
    }, 120_000);
  },
);
