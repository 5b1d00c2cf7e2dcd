import { writeSync } from 'node:fs';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';

/**
 * The few file operations the outbox needs. Production uses {@link nodeFs}; tests inject faults
 * (a byte quota that runs out mid-write, a failing fsync) through the same seam.
 */
export interface OutboxFileHandle {
  /** Positional write; may write fewer bytes than asked (resolves with the count). */
  write(data: Uint8Array, position: number): Promise<number>;
  /**
   * The same write done on the calling thread (pwrite(2) of a few hundred bytes into the page cache:
   * microseconds), saving the thread-pool hop of `write`; optional (write-before-answer uses it).
   */
  writeNow?(data: Uint8Array, position: number): number;
  datasync(): Promise<void>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export interface OutboxFs {
  mkdirp(dir: string): Promise<void>;
  /** 'create' truncates or creates; 'existing' opens an existing file read-write without truncating. */
  openForWrite(path: string, mode: 'create' | 'existing'): Promise<OutboxFileHandle>;
  /** The whole file, or undefined when it does not exist. */
  readFile(path: string): Promise<Buffer | undefined>;
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; a missing file is not an error. */
  remove(path: string): Promise<void>;
  /** fsync of a directory, so that a rename or a new name in it is durable. */
  syncDir(dir: string): Promise<void>;
}

function isNotFound(err: unknown): boolean {
  return (err as { code?: unknown } | undefined)?.code === 'ENOENT';
}

export const nodeFs: OutboxFs = {
  async mkdirp(dir) {
    await mkdir(dir, { recursive: true });
  },
  async openForWrite(path, mode) {
    const fh = await open(path, mode === 'create' ? 'w' : 'r+', 0o600);
    return {
      write: async (data, position) =>
        (await fh.write(data, 0, data.length, position)).bytesWritten,
      writeNow: (data, position) => writeSync(fh.fd, data, 0, data.length, position),
      datasync: () => fh.datasync(),
      sync: () => fh.sync(),
      truncate: (length) => fh.truncate(length),
      close: () => fh.close(),
    };
  },
  async readFile(path) {
    try {
      return await readFile(path);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  },
  async rename(from, to) {
    await rename(from, to);
  },
  async remove(path) {
    try {
      await unlink(path);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  },
  async syncDir(dir) {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
};

/** Writes all of `data` at `position`, looping over short writes. */
export async function writeFully(
  handle: OutboxFileHandle,
  data: Uint8Array,
  position: number,
): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const n = await handle.write(data.subarray(done), position + done);
    if (n <= 0)
      throw Object.assign(new Error(`write made no progress at byte ${position + done}`), {
        code: 'EIO',
      });
    done += n;
  }
}

/** writeFully on the calling thread, with a handle's writeNow. */
export function writeFullyNow(
  writeNow: NonNullable<OutboxFileHandle['writeNow']>,
  data: Uint8Array,
  position: number,
): void {
  let done = 0;
  while (done < data.length) {
    const n = writeNow(data.subarray(done), position + done);
    if (n <= 0)
      throw Object.assign(new Error(`write made no progress at byte ${position + done}`), {
        code: 'EIO',
      });
    done += n;
  }
}

/** Closes a handle on an error path, where a second error would only hide the first. */
export async function closeQuietly(handle: OutboxFileHandle | undefined): Promise<void> {
  if (handle === undefined) return;
  try {
    await handle.close();
  } catch {
    // the original error is the one worth reporting
  }
}
