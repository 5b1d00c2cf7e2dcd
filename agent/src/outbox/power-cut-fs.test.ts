import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './testdata/burns.js';
import { PowerCutFs } from './testdata/power-cut-fs.js';

/**
 * The power-cut fake itself (testdata/power-cut-fs.ts), which the crash-point sweeps trust: an
 * fdatasync still in flight when another operation cuts the power must not report success, or the
 * outbox counts as durable what the cut has just undone (a crash-points-write-before failure seen
 * under CPU contention: "durable 13", then seq 11 missing after reopening).
 */
describe('PowerCutFs', () => {
  it('fails an fdatasync that was in flight when another operation cut the power', async () => {
    const path = join(await tempDir(), 'log');
    const fs = new PowerCutFs('lose-unsynced', 3); // open, write, datasync succeed; the 4th cuts
    const f = await fs.openForWrite(path, 'create');
    await f.write(Buffer.from('answered'), 0);
    const sync = f.datasync(); // counted before the cut, still running when it comes
    await expect(f.write(Buffer.from('more'), 8)).rejects.toMatchObject({ code: 'ECRASH' });
    await expect(sync).rejects.toMatchObject({ code: 'ECRASH' });
    expect(await readFile(path).catch(() => undefined)).toBeUndefined(); // the create was undone too
  });

  it('lets an fdatasync that finished before the cut keep its data', async () => {
    const dir = await tempDir();
    const path = join(dir, 'log');
    const fs = new PowerCutFs('lose-unsynced', 4); // open, directory fsync, write, datasync
    const f = await fs.openForWrite(path, 'create');
    await fs.syncDir(dir);
    await f.write(Buffer.from('answered'), 0);
    await f.datasync();
    await expect(f.write(Buffer.from('more'), 8)).rejects.toMatchObject({ code: 'ECRASH' });
    expect((await readFile(path)).toString()).toBe('answered');
  });
});
