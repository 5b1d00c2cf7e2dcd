import { join } from 'node:path';
import { DISK_FULL_ERRNOS, errnoOf } from './errors.js';
import { closeQuietly, writeFully, type OutboxFileHandle, type OutboxFs } from './fs-port.js';

/** Bytes the space probe writes: a generous group-commit frame, so a "yes" means the next write fits. */
export const PROBE_BYTES = 64 * 1024;
/** The probe's file; a `*.tmp` left by a crash is removed when the outbox opens. */
export const PROBE_FILE = 'outbox.space-probe.tmp';

export function isDiskFull(err: unknown): boolean {
  const errno = errnoOf(err);
  return errno !== undefined && DISK_FULL_ERRNOS.includes(errno);
}

/**
 * Whether the disk under the outbox has room again: writes PROBE_BYTES to a temp file, fsyncs it,
 * removes it. Resolves false on a full disk (ENOSPC, EDQUOT); any other failure rejects (it is
 * not "full", and the caller must see it). Runs through the outbox's file-system port, so that
 * tests inject the full disk at the same seam as the log's writes.
 */
export async function probeSpace(fs: OutboxFs, dir: string): Promise<boolean> {
  const path = join(dir, PROBE_FILE);
  let handle: OutboxFileHandle | undefined;
  try {
    handle = await fs.openForWrite(path, 'create');
    await writeFully(handle, new Uint8Array(PROBE_BYTES), 0);
    await handle.datasync();
    await handle.close();
    handle = undefined;
    return true;
  } catch (err) {
    if (isDiskFull(err)) return false;
    throw err;
  } finally {
    await closeQuietly(handle);
    // Frees what the probe took (a missing file is fine). Should unlink itself fail, that error is
    // the answer: the caller sees it; a probe file left behind is removed at the next open.
    await fs.remove(path);
  }
}
