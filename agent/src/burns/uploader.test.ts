import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { verifyBurnBatch, type edgefleet } from '@edgefleet/proto';
import { openOutbox, type FileOutbox } from '../outbox/index.js';
import { SITE, burn, tempDir } from '../outbox/testdata/burns.js';
import {
  BurnUploader,
  burnUploadSettings,
  type BurnLink,
  type BurnUploadSettings,
} from './uploader.js';
import { agentConfigSchema } from '../config.js';

const log = createLogger('test', 'silent');

/** A link that records the seqs of every batch it is given; `hang` leaves publishes unacknowledged, `gate` holds them until opened. */
class FakeLink implements BurnLink {
  connected = true;
  hang = false;
  readonly batches: number[][] = [];
  /** Every batch as given, for the signature checks. */
  readonly sent: edgefleet.v1.BurnBatch[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;

  publishBurns(batch: edgefleet.v1.BurnBatch): Promise<void> {
    this.batches.push(batch.records.map((r) => Number(r.seq)));
    this.sent.push(batch);
    if (this.hang) return new Promise<void>(() => undefined);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return (this.gate ?? Promise.resolve()).finally(() => {
      this.inFlight--;
    });
  }

  hold(): void {
    this.gate = new Promise((r) => (this.openGate = r));
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
  }

  /** Batches published since the last call. */
  take(): number[][] {
    return this.batches.splice(0);
  }
}

const opened: FileOutbox[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

async function setup(
  records: number,
  settings: Partial<BurnUploadSettings> = {},
  signingKey?: () => KeyObject | undefined,
) {
  const outbox = await openOutbox({ dir: await tempDir(), siteId: SITE });
  opened.push(outbox);
  for (let i = 1; i <= records; i++) await outbox.append(burn(i));
  const link = new FakeLink();
  const clock = { t: 1_000_000 };
  const uploader = new BurnUploader({
    siteId: SITE,
    link,
    outbox,
    log,
    now: () => clock.t,
    ...(signingKey ? { signingKey } : {}),
    settings: {
      batchMax: 2,
      flushIntervalMs: 1000,
      publishTimeoutMs: 10_000,
      rewindAfterSilenceMs: 30_000,
      ...settings,
    },
  });
  return { outbox, link, clock, uploader };
}

describe('BurnUploader', () => {
  it('takes its settings from the agent configuration, with the defaults the agent always had', () => {
    const cfg = agentConfigSchema.parse({
      siteId: 'site-a',
      secret: 'x'.repeat(16),
      coordinator: { grpc: 'h:1' },
      mqtt: { url: 'mqtt://h' },
    });
    expect(burnUploadSettings(cfg)).toEqual({
      batchMax: 500,
      flushIntervalMs: 500,
      publishTimeoutMs: 10_000,
      rewindAfterSilenceMs: 30_000,
    });
  });

  it('publishes only fsynced records (write-before-answer: the rest once the background fsync covers them)', async () => {
    const outbox = await openOutbox({
      dir: await tempDir(),
      siteId: SITE,
      durability: 'write-before-answer',
      syncIntervalMs: 1000,
    });
    opened.push(outbox);
    for (let i = 1; i <= 3; i++) await outbox.append(burn(i));
    const link = new FakeLink();
    const uploader = new BurnUploader({
      siteId: SITE,
      link,
      outbox,
      log,
      settings: {
        batchMax: 2,
        flushIntervalMs: 1000,
        publishTimeoutMs: 10_000,
        rewindAfterSilenceMs: 30_000,
      },
    });
    expect([outbox.lastSeq, outbox.durableSeq]).toEqual([3, 0]);
    await uploader.flush();
    expect(link.take()).toEqual([]);
    await outbox.ack(0); // no-op
    await outbox.close(); // fsyncs the rest
    opened.splice(opened.indexOf(outbox), 1);
    expect(outbox.durableSeq).toBe(3);
    await uploader.flush();
    expect(link.take()).toEqual([[1, 2], [3]]);
  });

  it('publishes pending records in batches and advances its window past what was published', async () => {
    const { outbox, link, uploader } = await setup(5);
    await uploader.flush();
    expect(link.take()).toEqual([[1, 2], [3, 4], [5]]);
    await uploader.flush();
    expect(link.take()).toEqual([]);
    await outbox.append(burn(6));
    await uploader.flush();
    expect(link.take()).toEqual([[6]]);
    expect(outbox.depth).toBe(6); // publishing is not acknowledging
  });

  it('publishes nothing while the link is down', async () => {
    const { link, uploader } = await setup(3);
    link.connected = false;
    await uploader.flush();
    expect(link.take()).toEqual([]);
    link.connected = true;
    await uploader.flush();
    expect(link.take()).toEqual([[1, 2], [3]]);
  });

  it('drops records from the outbox through the acked seq; an ack below the mark changes nothing', async () => {
    const { outbox, link, uploader } = await setup(5);
    await uploader.flush();
    await uploader.onAck({ acked_seq: 3, resend_from: 0 });
    expect([outbox.ackedSeq, outbox.depth]).toEqual([3, 2]);
    await uploader.onAck({ acked_seq: 2, resend_from: 0 });
    expect([outbox.ackedSeq, outbox.depth]).toEqual([3, 2]);
    link.take();
    await uploader.flush();
    expect(link.take()).toEqual([]);
  });

  it('rewinds to resend_from when the coordinator saw a gap', async () => {
    const { link, uploader } = await setup(5);
    await uploader.flush();
    link.take();
    await uploader.onAck({ acked_seq: 2, resend_from: 3 });
    await uploader.flush();
    expect(link.take()).toEqual([[3, 4], [5]]);
  });

  it('rewinds to the ack mark after a silence longer than rewindAfterSilenceMs, not before', async () => {
    const { outbox, link, clock, uploader } = await setup(3, { rewindAfterSilenceMs: 30_000 });
    await uploader.flush();
    link.take();
    clock.t += 30_000;
    await uploader.flush();
    expect(link.take()).toEqual([]);
    clock.t += 1;
    await uploader.flush();
    expect(link.take()).toEqual([[1, 2], [3]]);
    // An ack restarts the silence.
    await uploader.onAck({ acked_seq: 1, resend_from: 0 });
    await outbox.append(burn(4));
    await uploader.flush();
    expect(link.take()).toEqual([[4]]);
  });

  it('rewinds to the ack mark on reconnect', async () => {
    const { link, uploader } = await setup(3);
    await uploader.flush();
    await uploader.onAck({ acked_seq: 1, resend_from: 0 });
    link.take();
    uploader.onConnect();
    await uploader.flush();
    expect(link.take()).toEqual([[2, 3]]);
  });

  it('a publish the broker never acknowledges fails the flush; the records stay pending and the next flush sends them again', async () => {
    const { outbox, link, uploader } = await setup(3, { publishTimeoutMs: 100 });
    link.hang = true;
    await uploader.flush();
    expect(link.take()).toEqual([[1, 2]]);
    expect(outbox.depth).toBe(3);
    link.hang = false;
    await uploader.flush();
    expect(link.take()).toEqual([[1, 2], [3]]);
  });

  it('never runs two flushes at once: a flush asked for during one shares it', async () => {
    const { link, uploader } = await setup(3);
    link.hold();
    const first = uploader.flush();
    const second = uploader.flush();
    expect(second).toBe(first);
    link.release();
    await Promise.all([first, second]);
    expect(link.take()).toEqual([[1, 2], [3]]);
    expect(link.maxInFlight).toBe(1);
  });

  it('stop() publishes what is pending one last time', async () => {
    const { link, uploader } = await setup(1);
    uploader.markDirty();
    uploader.start();
    await uploader.stop();
    expect(link.take()).toEqual([[1]]);
  });

  it('signs every batch with the site key at publish time; a rotated key signs what is still unsent', async () => {
    const first = generateKeyPairSync('ed25519');
    const second = generateKeyPairSync('ed25519');
    let key = first.privateKey;
    const { link, uploader } = await setup(3, {}, () => key);
    await uploader.flush();
    expect(link.sent.map((b) => verifyBurnBatch(first.publicKey, b))).toEqual([
      { ok: true },
      { ok: true },
    ]);
    // Nothing acked; the key rotates; a reconnect publishes the same records again, under the new key.
    key = second.privateKey;
    link.sent.splice(0);
    uploader.onConnect();
    await uploader.flush();
    expect(link.sent.map((b) => b.records.map((r) => Number(r.seq)))).toEqual([[1, 2], [3]]);
    expect(link.sent.map((b) => verifyBurnBatch(second.publicKey, b).ok)).toEqual([true, true]);
    expect(link.sent.map((b) => verifyBurnBatch(first.publicKey, b).ok)).toEqual([false, false]);
  });

  it('publishes unsigned without a key, and publishes nothing when the key cannot be read', async () => {
    const unsigned = await setup(1, {}, () => undefined);
    await unsigned.uploader.flush();
    expect(unsigned.link.sent.map((b) => b.signature.length)).toEqual([0]);
    const broken = await setup(1, {}, () => {
      throw new Error('site key unreadable');
    });
    await broken.uploader.flush();
    expect(broken.link.take()).toEqual([]);
  });
});
