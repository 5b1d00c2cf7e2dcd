import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { OutboxLockedError } from './errors.js';

/**
 * One writer per outbox directory: two agents appending to one log would fork the site's chain.
 * The lock is a file holding the owner's pid, created exclusively; a lock left by a process that
 * no longer runs (kill -9, power loss) is taken over.
 */
export const LOCK_NAME = 'outbox.lock';

const heldHere = new Set<string>();

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: unknown }).code === 'EPERM'; // exists, owned by someone else
  }
}

async function readOwner(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(path, 'utf8')).trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the directory's lock; resolves with the function that releases it. */
export async function lockDir(dir: string): Promise<() => Promise<void>> {
  const key = resolve(dir);
  if (heldHere.has(key)) throw new OutboxLockedError(dir, process.pid);
  const path = join(dir, LOCK_NAME);
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'EEXIST') throw err;
      const owner = await readOwner(path);
      if (attempt > 0) throw new OutboxLockedError(dir, owner);
      // our own pid here is a stale lock from an earlier life with the same pid (e.g. pid 1 in a container)
      if (owner !== undefined && owner !== process.pid && pidIsAlive(owner))
        throw new OutboxLockedError(dir, owner);
      await unlink(path).catch(() => undefined);
    }
  }
  heldHere.add(key);
  return async () => {
    heldHere.delete(key);
    await unlink(path).catch(() => undefined);
  };
}
