import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OUTBOX_DURABILITIES } from './durability.js';
import { openOutbox } from './file-outbox.js';
import { SITE, assertChain, tempDir } from './testdata/burns.js';
import { spawnTs } from './testdata/spawn-ts.js';

const CHILD = fileURLToPath(new URL('./testdata/crash-child.ts', import.meta.url));
const ROUNDS = 6;

// write-before-answer resolves an append once its frame is written, before the fsync: a SIGKILL
// (unlike a power cut) leaves the page cache, so it too must lose no append that resolved.
describe.each(OUTBOX_DURABILITIES)(
  'crash safety (%s): SIGKILL a writer at a random point, then reopen',
  (durability) => {
    it.each([
      ['acks after their burst', 'sequential'],
      ['acks beside the next burst of appends', 'overlap'],
    ])(
      `keeps every append that resolved and every ack that resolved, over ${ROUNDS} kills of the same outbox (%s)`,
      async (_, mode) => {
        const dir = await tempDir();
        const written = new Map<number, string>(); // seq → hash, over all rounds
        const byLease = new Map<number, { lease: string; micro: number }>(); // seq → what it burned
        let maxAcked = 0;
        for (let round = 0; round < ROUNDS; round++) {
          const target = 20 + Math.floor(Math.random() * 300);
          const run = spawnTs(CHILD, [dir, SITE, mode, durability]);
          await run.waitForLines(target);
          run.child.kill('SIGKILL');
          const { signal, stderr } = await run.exited;
          const why = `round ${round}, killed after ${target} lines; child stderr: ${stderr}`;
          expect(signal, why).toBe('SIGKILL');

          for (const line of run.lines) {
            const [kind, a, b, lease, micro] = line.split(' ');
            if (kind === 'w') {
              written.set(Number(a), b!);
              byLease.set(Number(a), { lease: lease!, micro: Number(micro) });
            } else if (kind === 'a') maxAcked = Math.max(maxAcked, Number(a));
          }

          const o = await openOutbox({ dir, siteId: SITE }); // verifies every frame and the whole chain
          try {
            const maxWritten = Math.max(...written.keys());
            expect(o.ackedSeq, why).toBeGreaterThanOrEqual(maxAcked);
            expect(o.lastSeq, why).toBeGreaterThanOrEqual(maxWritten);
            const pending = o.pending();
            expect(pending.length, why).toBe(o.lastSeq - o.ackedSeq);
            expect(pending[0]?.seq ?? o.ackedSeq + 1, why).toBe(o.ackedSeq + 1);
            // the chain continues across acks and compactions: the first pending record follows the acked one
            const first = pending[0];
            if (first !== undefined) {
              assertChain({ seq: first.seq - 1, hash: first.prev_hash }, pending);
              const ackedHash = o.ackedSeq === 0 ? undefined : written.get(o.ackedSeq);
              if (o.ackedSeq === 0) assertChain(undefined, [first]);
              else if (ackedHash !== undefined) expect(first.prev_hash, why).toBe(ackedHash);
            }
            for (const r of pending) {
              const printed = written.get(r.seq);
              if (printed !== undefined) expect(r.hash, why).toBe(printed);
              else written.set(r.seq, r.hash); // made durable just before the kill, not yet printed
              byLease.set(r.seq, { lease: r.lease_id, micro: r.micro_tokens });
            }
            // Per-lease totals (budget enforcement) equal everything durable: acknowledged (ack mark) + pending (log).
            const want = new Map<string, number>();
            for (const [seq, x] of byLease)
              if (seq <= o.lastSeq) want.set(x.lease, (want.get(x.lease) ?? 0) + x.micro);
            for (const [lease, total] of want)
              expect(o.burnedFor(lease), `${why}: lease ${lease}`).toBe(total);
            for (const [seq] of written)
              if (seq > o.ackedSeq)
                expect(
                  pending.some((r) => r.seq === seq),
                  `${why}: seq ${seq}`,
                ).toBe(true);
          } finally {
            await o.close();
          }
        }
        expect(written.size).toBeGreaterThan(ROUNDS * 20);
      },
    );
  },
);
