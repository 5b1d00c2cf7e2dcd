import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** pglite-init.ts's PGLITE_TEMPLATE_ENV (imported there, the global setup could not resolve @edgefleet/common). */
const PGLITE_TEMPLATE_ENV = 'EDGEFLEET_PGLITE_TEMPLATE';

/**
 * Vitest global setup: one PGlite data directory made by initdb and migrated for the whole run,
 * named in EDGEFLEET_PGLITE_TEMPLATE (and its PGlite dump beside it), so every fresh coordinator (in
 * a test's process or a child process, which inherits the variable) copies it and every in-memory
 * database loads the dump instead of running initdb and every migration again (their SQL still runs
 * once here, and on PostgreSQL in every fresh test database or schema). The directory is made by
 * pglite-init.ts itself (under tsx: the global setup resolves packages without the `source`
 * condition). pglite-init.test.ts unsets the variable to test initdb itself.
 */
export default function setup(): () => void {
  // Set already: a template of the caller's, or '' for none (every database runs initdb, as before).
  if (process.env[PGLITE_TEMPLATE_ENV] !== undefined) return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), 'ef-pglite-template-'));
  const location = join(dir, 'ledger');
  const init = fileURLToPath(new URL('./pglite-init.ts', import.meta.url));
  const open = fileURLToPath(new URL('./open.ts', import.meta.url));
  execFileSync(
    process.execPath,
    [
      // WASM on V8's baseline compiler, as in the test processes (test/support/wasm-baseline.setup.ts).
      '--liftoff-only',
      '--conditions=source',
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const { initPgliteOutOfProcess } = await import(${JSON.stringify(init)});` +
        "const { PGlite } = await import('@electric-sql/pglite');" +
        "const { writeFileSync } = await import('node:fs');" +
        'await initPgliteOutOfProcess(process.argv[1]);' +
        // Migrated once here: every coordinator of the run starts on the current schema and its
        // migrate() finds each migration recorded (checksums checked), instead of running them all.
        `const { openDb } = await import(${JSON.stringify(open)});` +
        "const { dirname } = await import('node:path');" +
        // A coordinator's data directory holds its ledger in ledger/: this location's parent.
        "const db = await openDb({ dataDir: dirname(process.argv[1]), pglite: 'main-thread' });" +
        'await db.close();' +
        // The same database as a PGlite dump, for in-memory databases (loadDataDir).
        'const pg = new PGlite(process.argv[1]);' +
        'await pg.waitReady;' +
        "const dump = await pg.dumpDataDir('none');" +
        'await pg.close();' +
        "writeFileSync(process.argv[1] + '.tar', Buffer.from(await dump.arrayBuffer()));",
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
