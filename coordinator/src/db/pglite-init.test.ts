import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from './pglite.js';
import { initPgliteOutOfProcess, PGLITE_TEMPLATE_ENV, PgliteInitError } from './pglite-init.js';
import { openPgliteWorker } from './pglite-worker.js';

describe('PGlite data directory created out of process, opened with small buffers', () => {
  // initdb itself here, not the copy of the suite's template (pglite-template.test-support.ts)
  const suiteTemplate = process.env[PGLITE_TEMPLATE_ENV];
  beforeAll(() => {
    delete process.env[PGLITE_TEMPLATE_ENV];
  });
  afterAll(() => {
    if (suiteTemplate !== undefined) process.env[PGLITE_TEMPLATE_ENV] = suiteTemplate;
  });

  it('a new directory is initialised by a child process; the coordinator then opens it (main thread and worker) with shared_buffers 16MB', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ef-pginit-'));
    const location = join(dataDir, 'ledger');
    await initPgliteOutOfProcess(location);
    expect(existsSync(join(location, 'PG_VERSION'))).toBe(true);
    const made = statSync(join(location, 'PG_VERSION')).mtimeMs;
    await initPgliteOutOfProcess(location); // an existing directory: nothing to do
    expect(statSync(join(location, 'PG_VERSION')).mtimeMs).toBe(made);

    const db = await openPglite(dataDir);
    try {
      expect(await db.query<{ shared_buffers: string }>('SHOW shared_buffers')).toEqual([
        { shared_buffers: '16MB' },
      ]);
    } finally {
      await db.close();
    }
    const worker = await openPgliteWorker(dataDir);
    try {
      expect(await worker.query('SHOW maintenance_work_mem')).toEqual([
        { maintenance_work_mem: '16MB' },
      ]);
    } finally {
      await worker.close();
    }
  }, 300_000);

  it('an in-memory database is left to PGlite; a location that cannot be created fails with PGLITE_INIT_FAILED', async () => {
    await initPgliteOutOfProcess('memory://');
    const file = join(mkdtempSync(join(tmpdir(), 'ef-pginit-')), 'f');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'not a directory');
    const err = await initPgliteOutOfProcess(join(file, 'ledger')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PgliteInitError);
    expect((err as PgliteInitError).code).toBe('PGLITE_INIT_FAILED');
  }, 120_000);

  it('with EDGEFLEET_PGLITE_TEMPLATE set, a new directory is a copy of the template; a copy that cannot be made fails with PGLITE_INIT_FAILED', async () => {
    // The suite's template when there is one (made by initPgliteOutOfProcess too): one initdb less.
    const template = suiteTemplate || join(mkdtempSync(join(tmpdir(), 'ef-pginit-')), 'ledger');
    if (!suiteTemplate) await initPgliteOutOfProcess(template);
    const dataDir = mkdtempSync(join(tmpdir(), 'ef-pginit-'));
    process.env[PGLITE_TEMPLATE_ENV] = template;
    try {
      await initPgliteOutOfProcess(join(dataDir, 'ledger'));
      expect(readFileSync(join(dataDir, 'ledger', 'PG_VERSION'), 'utf8')).toBe(
        readFileSync(join(template, 'PG_VERSION'), 'utf8'),
      );
      const db = await openPglite(dataDir);
      try {
        expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      } finally {
        await db.close();
      }
      process.env[PGLITE_TEMPLATE_ENV] = join(dataDir, 'missing');
      const err = await initPgliteOutOfProcess(
        join(mkdtempSync(join(tmpdir(), 'ef-pginit-')), 'ledger'),
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PgliteInitError);
    } finally {
      delete process.env[PGLITE_TEMPLATE_ENV];
    }
  }, 300_000);
});
