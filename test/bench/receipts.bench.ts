/**
 * What a receipt costs per answered request (docs/verification.md "Receipts"), measured side by side
 * in one run with its peer, the burn record's chain hash (sha256 over the record) that every answer
 * already pays for on the site:
 *   - site: build and sign the receipt (agent/src/receipts.ts: one Ed25519 signature);
 *   - SDK: check it (ReceiptBook.take: one Ed25519 verification against the lease's key, and the
 *     comparison with the answer), JSON export included.
 * The three alternate in rounds, so load on this shared machine hits them alike; os.loadavg() is
 * printed with the figures.
 *
 *   npm run bench -- receipts            (EDGEFLEET_BENCH_ITER=20000 by default)
 */
import { generateKeyPairSync } from 'node:crypto';
import { loadavg } from 'node:os';
import { receiptFor } from '@edgefleet/agent';
import { ReceiptBook } from '@edgefleet/client';
import { chainBurn, pb, type BurnRecordData, type edgefleet } from '@edgefleet/proto';
import { report } from './report.js';

const ITER = Number(process.env.EDGEFLEET_BENCH_ITER ?? 20_000);
const ROUNDS = 10;

const site = generateKeyPairSync('ed25519');
const lease = new pb.Lease({
  lease_id: 'l-bench',
  site_id: 'site-bench',
  site_public_keys: [site.publicKey.export({ type: 'spki', format: 'pem' }).toString()],
});
let prev: BurnRecordData | undefined;
const record = (i: number): BurnRecordData =>
  chainBurn(prev, {
    site_id: 'site-bench',
    lease_id: 'l-bench',
    accelerator_model: 'NVIDIA H100 80GB HBM3',
    accelerator_serial: '1654922005581',
    slot: 'gpu0',
    started_at_ms: 1_700_000_000_000 + i,
    ended_at_ms: 1_700_000_000_010 + i,
    micro_tokens: 28,
  });

const book = new ReceiptBook({ maxKept: 1_000 });
const ns = { hash: 0n, sign: 0n, verify: 0n };
const per = ITER / ROUNDS;
const answers: edgefleet.v1.InferResponse[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const recs: BurnRecordData[] = [];
  let t = process.hrtime.bigint();
  for (let i = 0; i < per; i++) {
    prev = record(round * per + i);
    recs.push(prev);
  }
  ns.hash += process.hrtime.bigint() - t;
  answers.length = 0;
  t = process.hrtime.bigint();
  for (const r of recs)
    answers.push(
      new pb.InferResponse({
        site_id: r.site_id,
        lease_id: r.lease_id,
        burn_seq: r.seq,
        micro_tokens: r.micro_tokens,
        receipt: receiptFor(site.privateKey, r, { migInstanceUuid: '', requestId: `q-${r.seq}` }),
      }),
    );
  ns.sign += process.hrtime.bigint() - t;
  t = process.hrtime.bigint();
  for (const a of answers) book.take(a, lease, `q-${a.burn_seq}`);
  ns.verify += process.hrtime.bigint() - t;
}
const stats = book.stats();
if (stats.verified !== ITER) throw new Error(`only ${stats.verified} of ${ITER} receipts verified`);
const us = (n: bigint) => Number(n) / ITER / 1_000;
const peer = us(ns.hash);
await report(
  'receipts: cost per answered request (µs), beside the burn chain hash every answer already pays',
  [
    { step: 'site: burn record chain hash (peer)', us_per_request: peer, ratio_to_peer: 1 },
    {
      step: 'site: build + sign receipt',
      us_per_request: us(ns.sign),
      ratio_to_peer: us(ns.sign) / peer,
    },
    {
      step: 'SDK: verify + keep receipt',
      us_per_request: us(ns.verify),
      ratio_to_peer: us(ns.verify) / peer,
    },
  ],
  { iterations: ITER, loadavg: loadavg() },
);
