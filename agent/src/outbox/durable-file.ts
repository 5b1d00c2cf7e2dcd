import { dirname } from 'node:path';
import { closeQuietly, writeFully, type OutboxFileHandle, type OutboxFs } from './fs-port.js';

/** Where a file is built before it is renamed into place. Leftovers are removed at open. */
export function tempPathFor(path: string): string {
  return `${path}.tmp`;
}

export interface ReplacedFile {
  /** Open on the new file (now at `path`), positioned nowhere: writes are positional. */
  handle: OutboxFileHandle;
  /** The rename happened but the directory fsync failed: the new name may not survive power loss (either file is valid). */
  dirSyncError?: unknown;
}

/**
 * Replaces `path` with `data` so that a crash at any point leaves either the old or the new file:
 * write a temp file, fsync it, rename it over `path`, fsync the directory. Before the rename, a
 * failure removes the temp file and throws; the old file is untouched.
 */
export async function replaceFile(
  fs: OutboxFs,
  path: string,
  data: Uint8Array,
): Promise<ReplacedFile> {
  const tmp = tempPathFor(path);
  let handle: OutboxFileHandle | undefined;
  try {
    handle = await fs.openForWrite(tmp, 'create');
    await writeFully(handle, data, 0);
    await handle.sync();
    await fs.rename(tmp, path);
  } catch (err) {
    await closeQuietly(handle);
    await fs.remove(tmp).catch(() => undefined);
    throw err;
  }
  try {
    await fs.syncDir(dirname(path));
    return { handle };
  } catch (err) {
    return { handle, dirSyncError: err };
  }
}

/** {@link replaceFile} for a file that is not kept open; a failed directory fsync is an error here. */
export async function writeFileDurably(
  fs: OutboxFs,
  path: string,
  data: Uint8Array,
): Promise<void> {
  const { handle, dirSyncError } = await replaceFile(fs, path, data);
  await handle.close();
  if (dirSyncError !== undefined) throw dirSyncError;
}
