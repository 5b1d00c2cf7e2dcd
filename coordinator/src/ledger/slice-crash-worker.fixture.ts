/**
 * Child process of slice-crash.test.ts: a replica that places holds against its slices as fast as it
 * can (most written with a lease, some left provisional, some released) and reports each step on
 * stdout, until the test kills it with SIGKILL with µT still escrowed on its slices.
 * argv: pglite <dataDir> | postgres <url> <schema>
 */
import { openDb } from '../db/index.js';
import { createLedger } from './ledger.js';

const [kind, where, schema] = process.argv.slice(2);
const db = await openDb(
  kind === 'postgres' ? { url: where ?? '', schema: schema ?? '' } : { dataDir: where ?? '' },
);
const ledger = await createLedger(db, { slices: { replicaId: 'crashed-replica', tickMs: 10 } });
const customers = ['crash-a', 'crash-b'];
for (const c of customers) await ledger.topUp(c, 10_000_000, 'seed');
for (let i = 1; ; i++) {
  const customerId = customers[i % 2] ?? 'crash-a';
  const holdId = `slice-hold-${i}`;
  await ledger.placeHold({
    holdId,
    customerId,
    microTokens: 1_000 + i,
    expiresAtMs: Date.now() + 600_000,
  });
  if (i % 3 !== 0) {
    await ledger.registerLease({
      leaseId: `slice-lease-${i}`,
      holdId,
      siteId: 'crash-site',
      customerId,
      model: 'm',
      budgetMicroTokens: 1_000 + i,
      issuedAtMs: 1_700_000_000_000,
      expiresAtMs: 1_700_000_600_000,
    });
  } else if (i % 2 === 0) await ledger.releaseHold(holdId, 'released');
  process.stdout.write(`committed ${i}\n`);
}
