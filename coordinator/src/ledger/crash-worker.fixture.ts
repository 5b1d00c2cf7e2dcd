/**
 * Child process of ledger-crash.test.ts: writes to the ledger as fast as it can and reports each
 * committed step on stdout, until the test kills it with SIGKILL.
 * argv: pglite <dataDir> | postgres <url> <schema>
 */
import { openDb } from '../db/index.js';
import { createLedger } from './ledger.js';
import { TestChain } from './ledger.test-support.js';

const [kind, where, schema] = process.argv.slice(2);
const db = await openDb(
  kind === 'postgres' ? { url: where ?? '', schema: schema ?? '' } : { dataDir: where ?? '' },
);
const ledger = await createLedger(db);
const customerId = 'crash-customer';
const siteId = 'crash-site';
const chain = new TestChain(siteId);
await ledger.topUp(customerId, 1_000_000_000, 'seed');
for (let i = 1; ; i++) {
  const holdId = `crash-hold-${i}`;
  const leaseId = `crash-lease-${i}`;
  await ledger.topUp(customerId, 1, `step-${i}`);
  await ledger.placeHold({
    holdId,
    customerId,
    microTokens: 1_000,
    expiresAtMs: Date.now() + 600_000,
  });
  await ledger.registerLease({
    leaseId,
    holdId,
    siteId,
    customerId,
    model: 'm',
    budgetMicroTokens: 1_000,
    issuedAtMs: 1_700_000_000_000,
    expiresAtMs: 1_700_000_600_000,
  });
  await ledger.stageBurns(siteId, [chain.next(leaseId, 10 + (i % 7)), chain.next(leaseId, 3)]);
  if (i % 3 === 0) await ledger.reconcile(1_700_000_100_000);
  if (i % 4 === 0) await ledger.releaseHold(`crash-hold-${i - 1}`, 'released');
  process.stdout.write(`committed ${i}\n`);
}
