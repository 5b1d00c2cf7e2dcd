import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BurnRecordData } from '@edgefleet/proto';
import { OutboxDiskFullError } from './errors.js';
import { openOutbox } from './file-outbox.js';
import { SITE, assertChain, burn } from './testdata/burns.js';

/**
 * The real kernel's ENOSPC: the outbox on a 64 KiB tmpfs, filled until a write does not fit, then
 * the tmpfs grown (space returns). Needs mount(2) (root with CAP_SYS_ADMIN); elsewhere it is
 * skipped and disk-errors.test.ts covers the same path through the injected file system.
 */
const mountPoint = mkdtempSync(join(tmpdir(), 'ef-outbox-tmpfs-'));
const mount = (opts: string) =>
  spawnSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', mountPoint], { encoding: 'utf8' });
const mounted = process.platform === 'linux' && mount('size=64k,mode=0700').status === 0;

afterAll(() => {
  if (mounted) spawnSync('umount', [mountPoint]);
  rmdirSync(mountPoint);
});

describe.skipIf(!mounted)(
  'burn outbox on a real full disk (a 64 KiB tmpfs; skipped where tmpfs cannot be mounted: not root / no CAP_SYS_ADMIN)',
  () => {
    it('fails the write that does not fit with OutboxDiskFullError, keeps every committed burn, resumes once space returns', async () => {
      const dir = join(mountPoint, 'outbox');
      const o = await openOutbox({ dir, siteId: SITE });
      const committed: BurnRecordData[] = [];
      let refused: unknown;
      for (let i = 1; i <= 10_000 && refused === undefined; i++) {
        try {
          committed.push(await o.append(burn(i)));
        } catch (err) {
          refused = err;
        }
      }
      expect(refused).toBeInstanceOf(OutboxDiskFullError);
      expect(refused).toMatchObject({ code: 'OUTBOX_DISK_FULL', data: { errno: 'ENOSPC' } });
      expect(committed.length).toBeGreaterThan(0);
      expect(o.diskFull).toBe(true);
      expect(o.broken).toBeUndefined();
      expect(await o.recheckDisk()).toBe(true); // still full
      expect(o.pending()).toEqual(committed);

      expect(mount('remount,size=1m').status).toBe(0); // space returns
      expect(await o.recheckDisk()).toBe(false);
      const next = await o.append(burn(0));
      expect(next.seq).toBe(committed.length + 1);
      assertChain(committed.at(-1), [next]);
      await o.close();

      const again = await openOutbox({ dir, siteId: SITE });
      expect(again.recovered.tornTail).toBeUndefined();
      expect(again.pending()).toEqual([...committed, next]);
      await again.close();
    });
  },
);
