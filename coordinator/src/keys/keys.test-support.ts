import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes a key file impossible to remove, as Helm's read-only Secret mount does. Not root: the
 * keys directory itself goes read-only (chmod 0555), the real case. Root ignores directory
 * permissions (and a read-only bind mount needs privileges a test does not have), so there the
 * file is replaced by a non-empty directory of the same name: a plain unlink of it fails too.
 * Returns which of the two it did, for the test's name and a restore function.
 */
export function makeKeyFileUnremovable(
  dataDir: string,
  kid: string,
): {
  how: 'read-only directory (chmod 0555)' | 'directory in place of the file (root)';
  restore: () => void;
} {
  const keysDir = join(dataDir, 'keys');
  if (process.getuid?.() !== 0) {
    chmodSync(keysDir, 0o555);
    return { how: 'read-only directory (chmod 0555)', restore: () => chmodSync(keysDir, 0o700) };
  }
  const file = join(keysDir, `lease-signing-${kid}.pem`);
  rmSync(file);
  mkdirSync(file);
  writeFileSync(join(file, 'pinned'), '');
  return {
    how: 'directory in place of the file (root)',
    restore: () => rmSync(file, { recursive: true, force: true }),
  };
}
