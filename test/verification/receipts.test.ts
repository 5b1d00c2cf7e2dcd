import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSiteKey } from '@edgefleet/agent';
import { AllSitesFailedError, EdgefleetClient } from '@edgefleet/client';
import { receiptFromJson, receiptToJson, signReceipt, type ReceiptJson } from '@edgefleet/proto';
import {
  BACKENDS,
  enrollSite,
  eventually,
  freshDatabase,
  startCoordinatorProcess,
  waitOnline,
  type CoordinatorProc,
  type SiteAgent,
} from '../ledger/fleet.js';
import { runTs } from '../support/processes.js';

const TOPUP = 50_000_000;

interface Check {
  ok: boolean;
  confirmed: number;
  chargedMicroTokens: number;
  unconfirmed: { siteId: string; seq: number; problem: string }[];
  withoutReceipt: { siteId: string; seq: number; chargedMicroTokens: number }[];
}

/**
 * Issue 13, item 5, end to end (docs/verification.md "Receipts"): real agents and a real coordinator
 * process, on both ledger backends. A vehicle's SDK (receipts "require") gets a receipt signed by the
 * site with every answer and verifies it with the site keys its lease names; the exported receipts are
 * confirmed by the ledger through `edgefleet receipts verify` (the REST check). An altered receipt, one
 * forged with another key, and a ledger burn the customer holds no receipt of make the CLI exit 1 and
 * say which; a site that signs receipts with a key the coordinator never enrolled has its answers
 * refused by the SDK.
 */
describe.each(BACKENDS)('receipts a customer can verify, on %s', (backend) => {
  let coord: CoordinatorProc;
  const sites: SiteAgent[] = [];
  let drop: () => Promise<void> = async () => {};
  const customer = `receipts-${backend}`;
  const dir = mkdtempSync(join(tmpdir(), 'ef-receipts-'));

  beforeAll(async () => {
    const db = await freshDatabase(backend);
    drop = db.drop;
    coord = await startCoordinatorProcess({
      ...db.settings,
      reconcile: { enabled: false, schedule: '* * * * * *' },
    });
    await coord.api('POST', `/api/v1/customers/${customer}/topup`, { microTokens: TOPUP });
  }, 300_000);
  afterAll(async () => {
    for (const s of sites) await s.kill('SIGKILL');
    await coord?.proc.kill('SIGKILL');
    await drop();
  });

  const verify = async (lines: readonly ReceiptJson[], name: string) => {
    const file = join(dir, `${name}.jsonl`);
    writeFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    const p = runTs('client/src/cli.ts', [
      'receipts',
      'verify',
      file,
      '--customer',
      customer,
      '--api',
      coord.http,
      '--token',
      coord.adminToken,
      '--json',
    ]);
    const code = await p.exited;
    const out = p.output();
    // stdout: the answer, pretty-printed (its own closing brace is the only one in column 0).
    const start = out.indexOf('{\n');
    const json = start < 0 ? '{}' : out.slice(start, out.indexOf('\n}', start) + 2);
    return { code, out, check: JSON.parse(json) as Check };
  };

  it("verifies every answer's receipt, matches them to the ledger, and catches an altered, a forged and a missing one", async () => {
    for (const name of ['receipts a', 'receipts b']) {
      const s = await enrollSite(coord, name);
      await s.start();
      await waitOnline(coord, s.siteId);
      sites.push(s);
    }
    const client = new EdgefleetClient({
      coordinator: coord.grpc,
      customerId: customer,
      defaultTimeoutMs: 5_000,
      bearerToken: coord.adminToken,
      receipts: 'require',
    });
    const session = await client.acquire({
      model: 'llama-3-8b',
      location: { lat: 48.2, lon: 11.6 },
      maxRttMs: 10,
      budgetMicroTokens: 1_000_000,
      hedges: 1,
      ttlS: 600,
      autoRenew: false,
    });
    expect(session.leases).toHaveLength(2);
    for (const l of session.leases) expect(l.site_public_keys.length).toBe(1);

    let answered = 0;
    for (let i = 0; i < 8; i++) {
      const r = await session.infer(`frame ${i}`, { maxOutputTokens: 4, timeoutMs: 5_000 });
      answered += r.microTokens;
    }
    expect(client.receipts.stats()).toMatchObject({ verified: 8, forged: 0, missing: 0 });
    const receipts = client.receipts.list().map((k) => k.receipt);
    expect(receipts.reduce((a, r) => a + r.microTokens, 0)).toBe(answered);

    // Reconcile until every receipted burn is posted; then the ledger confirms all of them.
    await eventually(
      async () => {
        await coord.api('POST', '/api/v1/reconcile');
        const r = await coord.api<Check>('POST', `/api/v1/customers/${customer}/receipts/check`, {
          receipts,
        });
        return r.body;
      },
      (c) => c.ok && c.chargedMicroTokens === answered,
      30_000,
      250,
    );
    const all = await verify(receipts, 'all');
    expect(all.code).toBe(0);
    expect(all.check).toMatchObject({
      ok: true,
      confirmed: 8,
      unconfirmed: [],
      withoutReceipt: [],
    });

    // Altered after signing (a lower amount) and forged (the ledger's very fields, another key).
    const [first, second, ...rest] = receipts as [ReceiptJson, ReceiptJson, ...ReceiptJson[]];
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const forgedFields = receiptFromJson(second);
    const forged = receiptToJson({
      ...forgedFields,
      signature: signReceipt(stranger, forgedFields),
    });
    const bad = await verify(
      [{ ...first, microTokens: first.microTokens - 1 }, forged, ...rest],
      'bad',
    );
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('RECEIPTS_MISMATCH');
    // The CLI sends receipts in burn-end order: compare as sets.
    expect(bad.check.unconfirmed).toHaveLength(2);
    expect(bad.check.unconfirmed).toEqual(
      expect.arrayContaining([
        { siteId: first.siteId, seq: first.seq, problem: 'bad_signature' },
        { siteId: second.siteId, seq: second.seq, problem: 'bad_signature' },
      ]),
    );

    // A burn the customer was charged for and holds no receipt of: one from the middle of the
    // period (the period defaults to the receipts' earliest and latest burn end).
    const byEnd = [...receipts].sort((a, b) => a.endedAtMs - b.endedAtMs);
    const dropped = byEnd[Math.floor(byEnd.length / 2)]!;
    const missing = await verify(
      receipts.filter((r) => r !== dropped),
      'missing',
    );
    expect(missing.code).toBe(1);
    expect(missing.check.unconfirmed).toEqual([]);
    expect(missing.check.withoutReceipt).toMatchObject([
      { siteId: dropped.siteId, seq: dropped.seq, chargedMicroTokens: dropped.microTokens },
    ]);

    // Both sites now sign with keys the coordinator never enrolled: the SDK refuses every answer.
    for (const s of sites)
      writeSiteKey(
        s.dir,
        generateKeyPairSync('ed25519')
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      );
    const refused = session.infer('after the swap', { maxOutputTokens: 4, timeoutMs: 5_000 });
    await expect(refused).rejects.toBeInstanceOf(AllSitesFailedError);
    await expect(refused).rejects.toMatchObject({
      data: { failures: [{ reason: 'RECEIPT_REFUSED' }, { reason: 'RECEIPT_REFUSED' }] },
    });
    expect(client.receipts.stats()).toMatchObject({ verified: 8, forged: 2 });

    await session.release();
    client.close();
    const total = await coord.api<{ totalMicroTokens: number }>('GET', '/api/v1/ledger/total');
    expect(total.body.totalMicroTokens).toBe(0);
  }, 300_000);
});
