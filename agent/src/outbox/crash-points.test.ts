import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BurnRecordData } from '@edgefleet/proto';
import { describe, expect, it } from 'vitest';
import { openOutbox } from './file-outbox.js';
import { SITE, assertChain, burn, tempDir } from './testdata/burns.js';
import { PowerCutFs } from './testdata/power-cut-fs.js';

interface Outcome {
  appended: BurnRecordData[];
  ackResolved: boolean;
}

/** Opens (a power cut may hit open's own repairs), then three concurrent appends (one group commit), an ack that triggers compaction, one more append. */
async function scenario(dir: string, fs: PowerCutFs): Promise<Outcome> {
  const o = await openOutbox({ dir, siteId: SITE, fs, compactMinBytes: 0 }).catch(() => undefined);
  if (o === undefined) return { appended: [], ackResolved: false };
  const appended: BurnRecordData[] = [];
  const keep = (r: PromiseSettledResult<BurnRecordData>): void => {
    if (r.status === 'fulfilled') appended.push(r.value);
  };
  (await Promise.allSettled([o.append(burn(11)), o.append(burn(12)), o.append(burn(13))])).forEach(
    keep,
  );
  const ackResolved = await o.ack(9).then(
    () => true,
    () => false,
  );
  keep((await Promise.allSettled([o.append(burn(14))]))[0]!);
  await o.close();
  return { appended, ackResolved };
}

describe.each(['keep-unsynced', 'lose-unsynced'] as const)(
  'power cut at every disk operation (%s, simulated through the injected file system)',
  (mode) => {
    it('leaves an outbox that opens, verifies, and holds every append and ack that resolved', async () => {
      const template = await tempDir();
      const t = await openOutbox({ dir: template, siteId: SITE });
      const base: BurnRecordData[] = [];
      for (let i = 1; i <= 10; i++) base.push(await t.append(burn(i)));
      await t.ack(4);
      await t.close();

      const probe = new PowerCutFs(mode);
      const dry = join(await tempDir(), 'o');
      await cp(template, dry, { recursive: true });
      const full = await scenario(dry, probe);
      const steps = probe.mutations;
      expect(full).toMatchObject({ ackResolved: true });
      expect(full.appended.map((r) => r.seq)).toEqual([11, 12, 13, 14]);
      expect(steps).toBeGreaterThanOrEqual(16); // open (3), write+fsync, ack file (5), compacted log (5), write+fsync

      const seen = new Set<string>();
      for (let n = 0; n <= steps; n++) {
        const dir = join(await tempDir(), 'o');
        await cp(template, dir, { recursive: true });
        const out = await scenario(dir, new PowerCutFs(mode, n));
        const why = `crash after ${n} of ${steps} operations`;

        const o = await openOutbox({ dir, siteId: SITE });
        try {
          expect([4, 9], why).toContain(o.ackedSeq);
          if (out.ackResolved) expect(o.ackedSeq, why).toBe(9);
          const pending = o.pending();
          const known = new Map([...base, ...out.appended].map((r) => [r.seq, r]));
          for (const r of out.appended) {
            expect(o.lastSeq, why).toBeGreaterThanOrEqual(r.seq);
            if (r.seq > o.ackedSeq)
              expect(
                pending.find((p) => p.seq === r.seq),
                why,
              ).toEqual(r);
          }
          expect(pending[0]?.prev_hash ?? '', why).toBe(
            pending.length ? known.get(o.ackedSeq)?.hash : '',
          );
          assertChain(known.get(o.ackedSeq), pending);
          seen.add(`${o.ackedSeq}/${o.lastSeq}/${o.recovered.tornTail ? 'torn' : 'clean'}`);
          expect((await o.append(burn(99))).seq, why).toBe(o.lastSeq);
        } finally {
          await o.close();
          await rm(dir, { recursive: true, force: true });
        }
      }
      // the sweep reached the interesting states: (torn) group commit, before and after the ack and compaction
      const expected = ['4/10/clean', '4/13/clean', '9/13/clean', '9/14/clean'];
      expect([...seen]).toEqual(
        expect.arrayContaining(mode === 'keep-unsynced' ? [...expected, '4/10/torn'] : expected),
      );
    });
  },
);
