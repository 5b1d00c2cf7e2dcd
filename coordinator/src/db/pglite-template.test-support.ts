import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** pglite-init.ts's PGLITE_TEMPLATE_ENV (imported there, the global setup could not resolve @edgefleet/common). */
const PGLITE_TEMPLATE_ENV = 'EDGEFLEET_PGLITE_TEMPLATE';

/**
 * Vitest global setup: one PGlite data directory made by initdb for the whole run, named in
 * EDGEFLEET_PGLITE_TEMPLATE, so every fresh coordinator (in a test's process or a child process,
 * which inherits the variable) copies it instead of running initdb again. The directory is made by
 * pglite-init.ts itself (under tsx: the global setup resolves packages without the `source`
 * condition). pglite-init.test.ts unsets the variable to test initdb itself.
 */
export default function setup(): () => void {
  if (process.env[PGLITE_TEMPLATE_ENV]) return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), 'ef-pglite-template-'));
  const location = join(dir, 'ledger');
  const init = fileURLToPath(new URL('./pglite-init.ts', import.meta.url));
  execFileSync(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const { initPgliteOutOfProcess } = await import(${JSON.stringify(init)});` +
        'await initPgliteOutOfProcess(process.argv[1]);',
      location,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  process.env[PGLITE_TEMPLATE_ENV] = location;
  return () => {
    delete process.env[PGLITE_TEMPLATE_ENV];
    rmSync(dir, { recursive: true, force: true });
  };
}
