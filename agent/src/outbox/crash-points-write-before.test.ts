import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BurnRecordData } from '@edgefleet/proto';
import { describe, expect, it } from 'vitest';
import { openOutbox } from './file-outbox.js';
import { SITE, assertChain, burn, tempDir } from './testdata/burns.js';
import { PowerCutFs } from './testdata/power-cut-fs.js';

/**
 * write-before-answer under a power cut (README "Durability"): appends resolve before their fsync,
 * so a cut may lose answered records, but only those after the last completed background fsync
 * (`durableSeq` as last seen before the cut), and the outbox always reopens valid.
 */
async function scenario(
  dir: string,
  fs: PowerCutFs,
  syncIntervalMs: number,
): Promise<{ appended: BurnRecordData[]; durable: number; ackResolved: boolean }> {
  const o = await openOutbox({
    dir,
    siteId: SITE,
    fs,
    compactMinBytes: 0,
    durability: 'write-before-answer',
    syncIntervalMs,
  }).catch(() => undefined);
  if (o === undefined) return { appended: [], durable: 0, ackResolved: false };
  let durable = o.durableSeq;
  const note = () => (durable = Math.max(durable, o.durableSeq));
  const appended: BurnRecordData[] = [];
  const keep = (r: PromiseSettledResult<BurnRecordData>): void => {
    if (r.status === 'fulfilled') appended.push(r.value);
  };
  (await Promise.allSettled([o.append(burn(11)), o.append(burn(12)), o.append(burn(13))])).forEach(
    keep,
  );
  note();
  await new Promise((r) => setTimeout(r, 5)); // the background fsync (with syncIntervalMs 0)
  note();
  const ackResolved = await o.ack(9).then(
    () => true,
    () => false,
  );
  note();
  keep((await Promise.allSettled([o.append(burn(14))]))[0]!);
  note();
  await o.close().catch(() => undefined); // after a cut, close's fsync fails
  note();
  return { appended, durable, ackResolved };
}

/**
 * syncIntervalMs 0: the background fsync runs before the ack's compaction; 60,000: it has not run
 * yet, so the compaction (which rewrites the log and renames it over the old one) meets records the
 * old log never synced.
 */
describe.each([
  ['keep-unsynced', 0],
  ['lose-unsynced', 0],
  ['keep-unsynced', 60_000],
  ['lose-unsynced', 60_000],
] as const)(
  'write-before-answer: power cut at every disk operation (%s, background fsync after %i ms)',
  (mode, syncIntervalMs) => {
    it('reopens valid and keeps every record an fsync covered; loses at most what was answered after it', async () => {
      const template = await tempDir();
      const t = await openOutbox({ dir: template, siteId: SITE });
      const base: BurnRecordData[] = [];
      for (let i = 1; i <= 10; i++) base.push(await t.append(burn(i)));
      await t.ack(4);
      await t.close();

      const probe = new PowerCutFs(mode);
      const dry = join(await tempDir(), 'o');
      await cp(template, dry, { recursive: true });
      const full = await scenario(dry, probe, syncIntervalMs);
      expect(full.appended.map((r) => r.seq)).toEqual([11, 12, 13, 14]);
      expect(full.durable).toBe(14);
      const steps = probe.mutations;

      let lost = 0;
      for (let n = 0; n <= steps; n++) {
        const dir = join(await tempDir(), 'o');
        await cp(template, dir, { recursive: true });
        const out = await scenario(dir, new PowerCutFs(mode, n), syncIntervalMs);
        const why = `crash after ${n} of ${steps} operations (durable ${out.durable})`;
        const o = await openOutbox({ dir, siteId: SITE }); // verifies every frame and the chain
        try {
          expect([4, 9], why).toContain(o.ackedSeq);
          if (out.ackResolved) expect(o.ackedSeq, why).toBe(9);
          const pending = o.pending();
          const known = new Map([...base, ...out.appended].map((r) => [r.seq, r]));
          assertChain(known.get(o.ackedSeq), pending);
          for (const r of out.appended) {
            const kept = r.seq <= o.ackedSeq || pending.some((p) => p.seq === r.seq);
            if (r.seq <= out.durable) expect(kept, `${why}: seq ${r.seq}`).toBe(true);
            else if (!kept) lost++;
          }
          expect((await o.append(burn(99))).seq, why).toBe(o.lastSeq);
        } finally {
          await o.close();
          await rm(dir, { recursive: true, force: true });
        }
      }
      // keeping unsynced data loses nothing; losing it shows the window is real (answered, then lost)
      if (mode === 'keep-unsynced') expect(lost).toBe(0);
      else expect(lost).toBeGreaterThan(0);
    });
  },
);
