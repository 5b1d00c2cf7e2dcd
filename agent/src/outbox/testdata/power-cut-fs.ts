import { rename as fsRename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { nodeFs, type OutboxFileHandle, type OutboxFs } from '../fs-port.js';
import { errnoError } from './faulty-fs.js';

/**
 * What a change not yet made durable undoes to, when the power goes:
 * - file data: the content at the file's last fsync (undone in reverse order, at the path the file had then);
 * - a directory entry (create, rename, unlink): the entry as it was before, until the directory is fsync'd.
 */
type Undo =
  | { kind: 'data'; handle: object; path: string; before: Buffer }
  /** `replaces`: the files a rename put out of the namespace (their data undo no longer has a name once the rename is durable). */
  | { kind: 'entry'; dir: string; undo: () => Promise<void>; replaces?: object[] };

/**
 * node:fs with a simulated power cut. The next `ops` operations that change the disk succeed; the
 * one after fails, and so does every later one (no cleanup code gets to run). Then:
 * - 'keep-unsynced': everything done so far stays, and a write cut by the crash leaves half its bytes
 *   (the kernel had written back everything: torn tails);
 * - 'lose-unsynced': every change not covered by a file fsync (data) or a directory fsync (names) is
 *   undone (nothing had been written back: this catches a missing fsync).
 * Real power loss lands anywhere between the two.
 */
export class PowerCutFs implements OutboxFs {
  /** Disk-changing operations so far. */
  mutations = 0;
  private journal: Undo[] = [];
  private readonly paths = new Map<object, string>();

  constructor(
    private readonly mode: 'keep-unsynced' | 'lose-unsynced',
    private readonly crashAfterOps = Infinity,
  ) {}

  private get crashed(): boolean {
    return this.mutations > this.crashAfterOps;
  }

  /** Counts a disk-changing operation; at the crash point cuts the power and throws. */
  private async step(): Promise<void> {
    if (this.crashed) throw errnoError('ECRASH');
    this.mutations++;
    if (!this.crashed) return;
    if (this.mode === 'lose-unsynced') {
      for (const u of this.journal.reverse()) {
        if (u.kind === 'data') await writeFile(u.path, u.before);
        else await u.undo();
      }
    }
    this.journal = [];
    throw errnoError('ECRASH');
  }

  /**
   * After an operation's real call returns: if the power was cut meanwhile (by another operation
   * that started later, e.g. a background fdatasync still in flight when a compaction's write hit
   * the cut), the caller never sees it succeed: the process is gone. Without this, an fdatasync
   * issued before the cut reported success after the cut had undone what it covered, and the
   * outbox counted those records durable.
   */
  private alive(): void {
    if (this.crashed) throw errnoError('ECRASH');
  }

  private async dirty(handle: object): Promise<void> {
    if (this.journal.some((u) => u.kind === 'data' && u.handle === handle)) return;
    const path = this.paths.get(handle)!;
    this.journal.push({ kind: 'data', handle, path, before: (await nodeFs.readFile(path)) ?? Buffer.alloc(0) });
  }

  private synced(handle: object): void {
    this.journal = this.journal.filter((u) => !(u.kind === 'data' && u.handle === handle));
  }

  mkdirp(dir: string): Promise<void> {
    return nodeFs.mkdirp(dir);
  }
  readFile(path: string): Promise<Buffer | undefined> {
    return nodeFs.readFile(path);
  }

  async remove(path: string): Promise<void> {
    await this.step();
    const before = await nodeFs.readFile(path);
    await nodeFs.remove(path);
    this.alive();
    if (before !== undefined) this.journal.push({ kind: 'entry', dir: dirname(path), undo: () => writeFile(path, before) });
  }

  async rename(from: string, to: string): Promise<void> {
    await this.step();
    const replaced = await nodeFs.readFile(to);
    const replaces = [...this.paths].filter(([, p]) => p === to).map(([h]) => h);
    await nodeFs.rename(from, to);
    this.alive();
    for (const [h, p] of this.paths) if (p === from) this.paths.set(h, to);
    this.journal.push({
      kind: 'entry',
      dir: dirname(to),
      replaces,
      undo: async () => {
        await fsRename(to, from);
        if (replaced !== undefined) await writeFile(to, replaced);
      },
    });
  }

  async syncDir(dir: string): Promise<void> {
    await this.step();
    await nodeFs.syncDir(dir);
    this.alive();
    // A rename now durable: the file it replaced has no name left, so a cut no longer brings back
    // its unsynced data (undoing it would write the old file's content over the new one).
    const gone = new Set(
      this.journal.flatMap((u) => (u.kind === 'entry' && u.dir === dir ? (u.replaces ?? []) : [])),
    );
    this.journal = this.journal.filter(
      (u) => !(u.kind === 'entry' && u.dir === dir) && !(u.kind === 'data' && gone.has(u.handle)),
    );
  }

  async openForWrite(path: string, mode: 'create' | 'existing'): Promise<OutboxFileHandle> {
    await this.step();
    const before = mode === 'create' ? await nodeFs.readFile(path) : undefined;
    const real = await nodeFs.openForWrite(path, mode);
    if (this.crashed) {
      await real.close();
      this.alive();
    }
    const id = {};
    this.paths.set(id, path);
    if (mode === 'create') {
      if (before === undefined) this.journal.push({ kind: 'entry', dir: dirname(path), undo: () => unlink(path) });
      else this.journal.push({ kind: 'data', handle: id, path, before });
    }
    return {
      write: async (data, position) => {
        if (this.mutations === this.crashAfterOps && this.mode === 'keep-unsynced') {
          await real.write(data.subarray(0, Math.ceil(data.length / 2)), position);
        }
        await this.step();
        await this.dirty(id);
        const n = await real.write(data, position);
        this.alive();
        return n;
      },
      truncate: async (length) => {
        await this.step();
        await this.dirty(id);
        await real.truncate(length);
        this.alive();
      },
      datasync: async () => {
        await this.step();
        await real.datasync();
        this.alive();
        this.synced(id);
      },
      sync: async () => {
        await this.step();
        await real.sync();
        this.alive();
        this.synced(id);
      },
      close: () => real.close(),
    };
  }
}

