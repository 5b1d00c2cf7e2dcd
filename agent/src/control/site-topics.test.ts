import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { encodePayload, MAX_PAYLOAD_BYTES, pb } from '@edgefleet/proto';
import { Admission } from '../admission.js';
import { BurnUploader } from '../burns/uploader.js';
import { openOutbox, type FileOutbox } from '../outbox/index.js';
import { SITE, burn, tempDir } from '../outbox/testdata/burns.js';
import { SigningKeys } from './signing-keys.js';
import { SiteTopicHandler } from './site-topics.js';

const log = createLogger('test', 'silent');
const pem = (): string =>
  generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();

const opened: FileOutbox[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

async function setup() {
  const outbox = await openOutbox({ dir: await tempDir(), siteId: SITE });
  opened.push(outbox);
  for (let i = 1; i <= 4; i++) await outbox.append(burn(i));
  const link = {
    connected: true,
    published: [] as number[][],
    publishBurns(b: { records: { seq?: number | null }[] }) {
      this.published.push(b.records.map((r) => Number(r.seq)));
      return Promise.resolve();
    },
  };
  const uploader = new BurnUploader({
    siteId: SITE,
    link,
    outbox,
    log,
    settings: {
      batchMax: 10,
      flushIntervalMs: 1000,
      publishTimeoutMs: 10_000,
      rewindAfterSilenceMs: 30_000,
    },
  });
  const acked: Promise<void>[] = [];
  const acks = {
    onAck: (a: { acked_seq: number; resend_from: number }) => {
      const p = uploader.onAck(a);
      acked.push(p);
      return p;
    },
  };
  const keys = new SigningKeys([{ kid: 'k1', public_key_pem: pem() }]);
  const admission = new Admission(['m'], 1);
  const calls = { status: 0 };
  const bad: string[] = [];
  const handler = new SiteTopicHandler({
    acks,
    keys,
    admission,
    log,
    publishStatus: () => calls.status++,
    onBadMessage: (r) => bad.push(r),
  });
  return { outbox, link, uploader, acked, keys, admission, calls, bad, handler };
}

describe('SiteTopicHandler', () => {
  it('hands an ack to the uploader: records through acked_seq leave the outbox, resend_from rewinds', async () => {
    const { outbox, link, uploader, acked, handler } = await setup();
    await uploader.flush();
    link.published.splice(0);
    handler.handle(
      'ack',
      encodePayload(pb.BurnAck, new pb.BurnAck({ site_id: SITE, acked_seq: 2, resend_from: 3 })),
    );
    await Promise.all(acked);
    expect([outbox.ackedSeq, outbox.depth]).toEqual([2, 2]);
    await uploader.flush();
    expect(link.published).toEqual([[3, 4]]);
  });

  it('takes JSON as well as protobuf (an installer testing with mosquitto_pub)', async () => {
    const { outbox, acked, handler } = await setup();
    handler.handle('ack', Buffer.from(JSON.stringify({ site_id: SITE, acked_seq: 3 })));
    await Promise.all(acked);
    expect(outbox.ackedSeq).toBe(3);
  });

  it('merges announced signing keys and follows the drain flag, republishing the status only when it changes', async () => {
    const { keys, admission, calls, handler } = await setup();
    const cfg = (drain: boolean) =>
      encodePayload(
        pb.SiteConfig,
        new pb.SiteConfig({ drain, signing_keys: [{ kid: 'k2', public_key_pem: pem() }] }),
      );
    handler.handle('config', cfg(true));
    expect([...keys.current.keys()]).toEqual(['k1', 'k2']);
    expect([admission.draining, calls.status]).toEqual([true, 1]);
    handler.handle('config', cfg(true));
    expect(calls.status).toBe(1);
    handler.handle('config', cfg(false));
    expect([admission.draining, calls.status]).toEqual([false, 2]);
  });

  it('counts and drops a message that does not decode or validate, and keeps going', async () => {
    const { outbox, keys, admission, bad, handler } = await setup();
    handler.handle('ack', Buffer.alloc(MAX_PAYLOAD_BYTES.ack + 1, 1));
    handler.handle('config', Buffer.from('{not json'));
    handler.handle(
      'config',
      encodePayload(
        pb.SiteConfig,
        new pb.SiteConfig({
          drain: true,
          signing_keys: [{ kid: 'k2', public_key_pem: 'not a key' }],
        }),
      ),
    );
    expect(bad).toHaveLength(3);
    expect(bad[0]).toBe('too_large');
    expect(bad[2]).toBe('invalid');
    expect([outbox.ackedSeq, admission.draining, [...keys.current.keys()]]).toEqual([
      0,
      false,
      ['k1'],
    ]);
  });
});
