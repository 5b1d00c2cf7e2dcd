import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainBurn, signBurnBatch } from '@edgefleet/proto';
import { openTestDb, TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { SiteKeyBook, SitePublicKeyInvalidError } from './site-keys.js';
import { SiteStore } from './site-store.js';
import { gateBurnBatch } from '../ingest/batch-signature-gate.js';

const pair = () => {
  const k = generateKeyPairSync('ed25519');
  return { key: k.privateKey, pem: k.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};

function batch(siteId: string, key?: KeyObject) {
  const records = [
    chainBurn(undefined, {
      site_id: siteId,
      lease_id: 'lease-1',
      accelerator_model: 'H100',
      accelerator_serial: 'sn',
      slot: 'gpu0',
      started_at_ms: 1,
      ended_at_ms: 2,
      micro_tokens: 3,
    }),
  ];
  const b = { site_id: siteId, records };
  return key ? { ...b, signature: signBurnBatch(key, b) } : b;
}

describe.each(TEST_BACKENDS)('SiteKeyBook on %s', (backend) => {
  let t: TestDb;
  let sites: SiteStore;
  const clock = { t: 1_000_000 };
  const GRACE = 60_000;

  const enroll = async (name: string, publicKeyPem?: string) => {
    const [c] = await sites.issueCodes(1, 60_000, 'test');
    const { site } = await sites.enroll({
      code: c?.code ?? '',
      name,
      region: 'eu',
      lat: 0,
      lon: 0,
      tariff: [],
      ...(publicKeyPem ? { publicKeyPem } : {}),
    });
    return site.siteId;
  };

  beforeAll(async () => {
    t = await openTestDb(backend);
    sites = new SiteStore(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("passes a batch signed with the site's enrolled key; refuses another key's, an unsigned one, and any from a site without a key", async () => {
    const mine = pair();
    const id = await enroll('signer', mine.pem);
    const book = new SiteKeyBook(t.db, { graceMs: GRACE, now: () => clock.t });
    expect(await book.verify(id, batch(id, mine.key))).toEqual({ ok: true, signedBy: 'current' });
    expect(await book.verify(id, batch(id, pair().key))).toEqual({ ok: false, reason: 'forged' });
    expect(await book.verify(id, batch(id))).toEqual({ ok: false, reason: 'unsigned' });
    const keyless = await enroll('keyless');
    expect(await book.verify(keyless, batch(keyless, mine.key))).toEqual({
      ok: false,
      reason: 'no_site_key',
    });
  });

  it('names the keys a lease carries for receipts: the current one, the previous one only within grace', async () => {
    const old = pair();
    const next = pair();
    const id = await enroll('receipt keys', old.pem);
    const book = new SiteKeyBook(t.db, { graceMs: GRACE, now: () => clock.t });
    expect(await book.publicKeys(id)).toEqual([old.pem]);
    await book.rotate(id, next.pem);
    expect(await book.publicKeys(id)).toEqual([next.pem, old.pem]);
    clock.t += GRACE;
    expect(await book.publicKeys(id)).toEqual([next.pem]);
    expect(await book.publicKeys(await enroll('no key'))).toEqual([]);
  });

  it('after a rotation: the new key passes, the old one only within the grace window', async () => {
    const old = pair();
    const next = pair();
    const id = await enroll('rotator', old.pem);
    const book = new SiteKeyBook(t.db, { graceMs: GRACE, now: () => clock.t });
    expect((await book.verify(id, batch(id, old.key))).ok).toBe(true);
    expect(await book.rotate(id, next.pem)).toEqual({ previousUntilMs: clock.t + GRACE });
    expect(await book.verify(id, batch(id, next.key))).toEqual({ ok: true, signedBy: 'current' });
    expect(await book.verify(id, batch(id, old.key))).toEqual({ ok: true, signedBy: 'previous' });
    clock.t += GRACE;
    expect(await book.verify(id, batch(id, old.key))).toEqual({ ok: false, reason: 'forged' });
    expect((await book.verify(id, batch(id, next.key))).ok).toBe(true);
  });

  it('sees a rotation made through another replica at the first batch the cached key refuses', async () => {
    const old = pair();
    const next = pair();
    const id = await enroll('two replicas', old.pem);
    const here = new SiteKeyBook(t.db, { graceMs: GRACE, now: () => clock.t });
    const there = new SiteKeyBook(t.db, { graceMs: GRACE, now: () => clock.t });
    expect((await here.verify(id, batch(id, old.key))).ok).toBe(true); // cached here
    await there.rotate(id, next.pem);
    expect(await here.verify(id, batch(id, next.key))).toEqual({ ok: true, signedBy: 'current' });
  });

  it('refuses to register a key that is not Ed25519, and a rotation for an unknown site', async () => {
    const book = new SiteKeyBook(t.db, { graceMs: GRACE });
    const rsa = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    await expect(book.rotate('nobody', rsa)).rejects.toBeInstanceOf(SitePublicKeyInvalidError);
    await expect(book.rotate('nobody', 'junk')).rejects.toBeInstanceOf(SitePublicKeyInvalidError);
    expect(await book.rotate('nobody', pair().pem)).toBeUndefined();
  });

  it('the gate: "require" refuses unsigned and keyless batches, "accept-unsigned" passes them, both refuse forged ones', async () => {
    const mine = pair();
    const id = await enroll('gate', mine.pem);
    const keyless = await enroll('gate keyless');
    const book = new SiteKeyBook(t.db, { graceMs: GRACE });
    const cases = [
      [id, batch(id, mine.key)],
      [id, batch(id)],
      [id, batch(id, pair().key)],
      [keyless, batch(keyless, mine.key)],
    ] as const;
    const decide = async (policy: 'require' | 'accept-unsigned') =>
      Promise.all(cases.map(([s, b]) => gateBurnBatch(book, policy, s, b)));
    expect(await decide('require')).toEqual([
      { pass: true },
      { pass: false, reason: 'unsigned' },
      { pass: false, reason: 'forged' },
      { pass: false, reason: 'no_site_key' },
    ]);
    expect(await decide('accept-unsigned')).toEqual([
      { pass: true },
      { pass: true },
      { pass: false, reason: 'forged' },
      { pass: true },
    ]);
  });
});
