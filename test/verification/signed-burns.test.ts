import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSiteKey } from '@edgefleet/agent';
import { chainBurn, type BurnRecordData } from '@edgefleet/proto';
import {
  BACKENDS,
  enrollSite,
  eventually,
  freshDatabase,
  inferMany,
  ledgerBySeq,
  openSession,
  startCoordinatorProcess,
  sum,
  waitOnline,
  type Burned,
  type CoordinatorProc,
  type SiteAgent,
} from '../ledger/fleet.js';
import { publishAsSite } from '../support/publish-as-site.js';
import { runTs } from '../support/processes.js';
import { metricValue } from '../support/telemetry-harness.js';

interface Balance {
  available: number;
  held: number;
  debt: number;
}
interface Alert {
  kind: string;
  siteId: string;
  severity: string;
  message: string;
}

const TOPUP = 50_000_000;
const REFUSED = 'edgefleet_burn_batches_refused_total';

/**
 * Issue 13, item 4, end to end (docs/verification.md "Signed burns"): real agents and a real
 * coordinator process, on both ledger backends. An honest site's batches are signed by its agent
 * with the key it made at enrollment and it is paid exactly what it answered. Then, on a second
 * site holding a live lease, one batch signed with another key (published with the site's own MQTT
 * credentials, which is all a forger who stole them has) and the same batch unsigned are refused:
 * nothing is staged or charged, the refusal counter and a critical alert say so, and all balances
 * still sum to zero. The very same records signed with the site's key are then paid (so the
 * signature was the only reason), and after `edgefleet-agent rotate-site-key` both the new key and,
 * within the grace window, the old one are accepted.
 */
describe.each(BACKENDS)('signed burn batches, on %s', (backend) => {
  let coord: CoordinatorProc;
  let honest: SiteAgent;
  let victim: SiteAgent;
  let drop: () => Promise<void> = async () => {};
  const customer = `signed-${backend}`;

  beforeAll(async () => {
    const db = await freshDatabase(backend);
    drop = db.drop;
    coord = await startCoordinatorProcess({
      ...db.settings,
      reconcile: { enabled: false, schedule: '* * * * * *' },
    });
    await coord.api('POST', `/api/v1/customers/${customer}/topup`, { microTokens: TOPUP });
  }, 120_000);
  afterAll(async () => {
    await honest?.kill('SIGKILL');
    await victim?.kill('SIGKILL');
    await coord?.proc.kill('SIGKILL');
    await drop();
  });

  const metrics = async (): Promise<string> => {
    const res = await fetch(`${coord.http}/metrics`, {
      headers: { authorization: `Bearer ${coord.adminToken}` },
    });
    return res.text();
  };
  const refused = async (reason: string): Promise<number> =>
    metricValue(await metrics(), REFUSED, { reason });
  const earnings = async (siteId: string): Promise<number> =>
    (await coord.api<{ microTokens: number }>('GET', `/api/v1/sites/${siteId}/earnings`)).body
      .microTokens;
  const ledgerTotal = async (): Promise<number> =>
    (await coord.api<{ totalMicroTokens: number }>('GET', '/api/v1/ledger/total')).body
      .totalMicroTokens;
  const paidOut = async (siteId: string, want: number): Promise<void> => {
    await eventually(
      async () => {
        await coord.api('POST', '/api/v1/reconcile');
        return earnings(siteId);
      },
      (x) => x === want,
      30_000,
      250,
    );
  };

  it("pays an honest site exactly; refuses a forged and an unsigned batch, charging nothing; accepts the site's own key, rotated too", async () => {
    // The honest site: its agent signs every batch with the key enrollment left in its data directory.
    honest = await enrollSite(coord, 'signing site');
    await honest.start();
    await waitOnline(coord, honest.siteId);
    const burned: Burned = new Map();
    const first = await openSession(coord, customer, 1_000_000);
    await inferMany(first.session, 10, burned);
    await first.session.release();
    first.client.close();
    expect(sum(burned)).toBeGreaterThan(0);
    await paidOut(honest.siteId, sum(burned));
    expect(sum((await ledgerBySeq(coord, honest.siteId)).bySeq)).toBe(sum(burned));
    await honest.kill();
    const forgedBefore = await refused('forged');
    const unsignedBefore = await refused('unsigned');

    // The victim site holds a live lease; then its agent steps away (one MQTT session per site id).
    victim = await enrollSite(coord, 'victim site');
    await victim.start();
    await waitOnline(coord, victim.siteId);
    const second = await openSession(coord, customer, 100_000);
    const lease = second.session.primary;
    expect(lease?.site_id).toBe(victim.siteId);
    await victim.kill();

    // Records a signed batch would be paid for: the chain from genesis, on the live lease, inside its
    // window (issued = expiry - ttl 600 s) and its rate bound (200 ms of a card each).
    const issued = Number(lease?.expires_at_ms ?? 0) - 600_000;
    const at = (i: number) => ({
      started_at_ms: issued + 100 + i * 250,
      ended_at_ms: issued + 300 + i * 250,
    });
    while (Date.now() < issued + 2_000) await new Promise((r) => setTimeout(r, 100));
    const records: BurnRecordData[] = [];
    for (let i = 0; i < 3; i++)
      records.push(
        chainBurn(records[i - 1], {
          site_id: victim.siteId,
          lease_id: lease?.lease_id ?? '',
          accelerator_model: 'H100',
          accelerator_serial: 'sn-victim',
          slot: 'gpu0',
          ...at(i),
          micro_tokens: 10 + i,
        }),
      );
    const claimed = records.reduce((a, r) => a + r.micro_tokens, 0);
    const stranger = generateKeyPairSync('ed25519').privateKey;
    await publishAsSite(victim.dir, records, stranger);
    await publishAsSite(victim.dir, records, 'unsigned');

    await eventually(
      async () => [await refused('forged'), await refused('unsigned')],
      ([f, u]) => f === forgedBefore + 1 && u === unsignedBefore + 1,
      30_000,
      250,
    );
    await coord.api('POST', '/api/v1/reconcile');
    expect(await earnings(victim.siteId)).toBe(0);
    expect((await ledgerBySeq(coord, victim.siteId)).bySeq.size).toBe(0);
    const alerts = await coord.api<{ items: Alert[] }>(
      'GET',
      `/api/v1/alerts?siteId=${victim.siteId}`,
    );
    expect(alerts.body.items.find((a) => a.kind === 'burn_batch_refused')).toMatchObject({
      severity: 'critical',
      siteId: victim.siteId,
    });
    const bal = await coord.api<Balance>('GET', `/api/v1/customers/${customer}/balance`);
    expect(bal.body.debt).toBe(0);
    expect(bal.body.available + bal.body.held).toBe(TOPUP - sum(burned));
    expect(await ledgerTotal()).toBe(0);

    // The same records signed with the site's key: paid, exactly (the signature was the only objection).
    await publishAsSite(victim.dir, records, 'site-key');
    await paidOut(victim.siteId, claimed);

    // Rotation: the site registers a new key with its secret; batches under the new key and, within
    // the grace window, under the old one verify.
    const oldKey = readSiteKey(victim.dir);
    const rotate = runTs('agent/src/cli.ts', ['rotate-site-key', '--data-dir', victim.dir]);
    expect(await rotate.exited).toBe(0);
    expect(rotate.output()).toContain('new site key registered');
    expect(readSiteKey(victim.dir).equals(oldKey)).toBe(false);
    const more = (prev: BurnRecordData, k: number): BurnRecordData =>
      chainBurn(prev, { ...prev, ...at(3 + k), micro_tokens: 5 + k });
    const fourth = more(records[2] as BurnRecordData, 0);
    const fifth = more(fourth, 1);
    await publishAsSite(victim.dir, [fourth], 'site-key');
    await paidOut(victim.siteId, claimed + fourth.micro_tokens);
    await publishAsSite(victim.dir, [fifth], oldKey);
    await paidOut(victim.siteId, claimed + fourth.micro_tokens + fifth.micro_tokens);
    expect(await refused('forged')).toBe(forgedBefore + 1);

    await second.session.release();
    second.client.close();
    const after = await coord.api<Balance>('GET', `/api/v1/customers/${customer}/balance`);
    expect(after.body.debt).toBe(0);
    expect(after.body.available + after.body.held).toBe(
      TOPUP - sum(burned) - claimed - fourth.micro_tokens - fifth.micro_tokens,
    );
    expect(await earnings(honest.siteId)).toBe(sum(burned));
    expect(await ledgerTotal()).toBe(0);
  }, 240_000);
});
