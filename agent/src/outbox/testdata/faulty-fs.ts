import { nodeFs, type OutboxFileHandle, type OutboxFs } from '../fs-port.js';

type FaultOp = 'write' | 'datasync' | 'sync' | 'truncate' | 'rename' | 'syncDir' | 'open' | 'remove';

export function errnoError(code: string): Error {
  return Object.assign(new Error(`${code}: simulated disk fault`), { code });
}

/**
 * node:fs with injectable faults, for tests: a byte quota that runs out mid-write (a full disk:
 * the kernel writes what fits, then ENOSPC), and one-shot errors for any operation.
 */
export class FaultyFs implements OutboxFs {
  /** Bytes that may still be written, across all files. */
  quota = Infinity;
  readonly calls: Record<FaultOp, number> = { write: 0, datasync: 0, sync: 0, truncate: 0, rename: 0, syncDir: 0, open: 0, remove: 0 };

  private readonly faults = new Map<FaultOp, { code: string; skip: number }>();
  /** Called at the start of every write, before it reaches the disk (to act while a write is in flight). */
  onWrite: (() => void) | undefined;

  /** After `skip` more successful calls, the next call of `op` fails with errno `code` (once). */
  failNext(op: FaultOp, code: string, skip = 0): void {
    this.faults.set(op, { code, skip });
  }

  private check(op: FaultOp): void {
    this.calls[op]++;
    const fault = this.faults.get(op);
    if (fault === undefined) return;
    if (fault.skip > 0) {
      fault.skip--;
      return;
    }
    this.faults.delete(op);
    throw errnoError(fault.code);
  }

  mkdirp(dir: string): Promise<void> {
    return nodeFs.mkdirp(dir);
  }
  readFile(path: string): Promise<Buffer | undefined> {
    return nodeFs.readFile(path);
  }
  async remove(path: string): Promise<void> {
    this.check('remove');
    await nodeFs.remove(path);
  }
  async rename(from: string, to: string): Promise<void> {
    this.check('rename');
    await nodeFs.rename(from, to);
  }
  async syncDir(dir: string): Promise<void> {
    this.check('syncDir');
    await nodeFs.syncDir(dir);
  }
  async openForWrite(path: string, mode: 'create' | 'existing'): Promise<OutboxFileHandle> {
    this.check('open');
    const real = await nodeFs.openForWrite(path, mode);
    return {
      write: async (data, position) => {
        this.onWrite?.();
        this.check('write');
        if (this.quota <= 0) throw errnoError('ENOSPC');
        const n = Math.min(data.length, this.quota);
        const written = await real.write(data.subarray(0, n), position);
        this.quota -= written;
        return written;
      },
      datasync: async () => {
        this.check('datasync');
        await real.datasync();
      },
      sync: async () => {
        this.check('sync');
        await real.sync();
      },
      truncate: async (length) => {
        this.check('truncate');
        await real.truncate(length);
      },
      close: () => real.close(),
    };
  }
}
