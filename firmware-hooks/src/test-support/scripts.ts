import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp dir for fake vendor tools; remove() deletes it. */
export function scriptDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'edgefleet-hooks-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes an executable /bin/sh script and returns its path. */
export function writeScript(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** A script that prints a file verbatim (cat keeps the bytes exact) and exits 0. */
export function catScript(dir: string, name: string, file: string): string {
  return writeScript(dir, name, `exec cat '${file.replace(/'/g, `'\\''`)}'`);
}
