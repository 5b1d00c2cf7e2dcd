/**
 * Child for the SIGKILL test: appends bursts of concurrent burns and acks some of them, printing
 * `w <seq> <hash> <lease> <µT>` once an append has resolved and `a <seq>` once an ack has, until it is killed.
 * Acks follow their burst ('sequential', the default) or run beside the next one ('overlap').
 * `durability` (default fsync-before-answer) is the outbox's: with write-before-answer a line is printed
 * once the record is written, before its fsync, so the test checks that a kill loses none of those.
 * Compaction runs often (compactMinBytes 0), so kills land in every phase: write, fsync, ack, compaction.
 */
import { openOutbox } from '../index.js';
import { burn } from './burns.js';

const [dir, siteId, mode, durability] = process.argv.slice(2);
if (dir === undefined || siteId === undefined)
  throw new Error(
    'usage: crash-child <dir> <siteId> [sequential|overlap] [fsync-before-answer|write-before-answer]',
  );
const outbox = await openOutbox({
  dir,
  siteId,
  compactMinBytes: 0,
  maxBatchRecords: 8,
  durability: durability === 'write-before-answer' ? durability : 'fsync-before-answer',
  syncIntervalMs: 2,
});
process.stdout.write(`open ${outbox.lastSeq} ${outbox.ackedSeq}\n`);
// 'overlap': each ack runs beside the next burst of appends (as the agent's acks arrive while it
// serves), so kills land with an ack mark and a group commit in flight together.
const overlap = mode === 'overlap';
let acking: Promise<void> = Promise.resolve();
for (let round = 0; ; round++) {
  const burst = 1 + Math.floor(Math.random() * 16);
  await Promise.all([
    acking,
    ...Array.from({ length: burst }, async (_, i) => {
      const r = await outbox.append(burn(round * 16 + i));
      process.stdout.write(`w ${r.seq} ${r.hash} ${r.lease_id} ${r.micro_tokens}\n`);
    }),
  ]);
  acking = Promise.resolve();
  if (Math.random() < 0.3) {
    const seq = Math.max(outbox.ackedSeq, outbox.lastSeq - Math.floor(Math.random() * 24));
    acking = outbox.ack(seq).then(() => {
      process.stdout.write(`a ${seq}\n`);
    });
    if (!overlap) await acking;
  }
}
