import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { EdgefleetError } from '@edgefleet/common';

/**
 * PostgreSQL settings every PGlite handle opens with. PGlite's defaults are PostgreSQL's
 * (shared_buffers 128 MB, maintenance_work_mem 64 MB), all of it WASM linear memory inside the
 * coordinator once touched, for a ledger of a few hundred MB at most on one connection.
 * Measured on an idle reopen: 286 MiB RSS with the defaults, 150 MiB with these.
 */
export const PGLITE_SETTINGS: readonly string[] = [
  'shared_buffers = 16MB',
  'maintenance_work_mem = 16MB',
];

export class PgliteInitError extends EdgefleetError {
  constructor(location: string, exitCode: number | null, stderr: string) {
    super(
      'PGLITE_INIT_FAILED',
      `creating the embedded database in ${location} failed (exit ${exitCode}): ${stderr.slice(-500)}`,
      { location, exitCode },
    );
  }
}

/**
 * A directory this function made (initdb, nothing written since) to copy instead of running initdb,
 * and beside it `<template>.tar`, the same dumped by PGlite (dumpDataDir), that an in-memory
 * database loads instead of running initdb (pgliteTemplateTar). The test suite makes them once per
 * run (pglite-template.test-support.ts): initdb is most of a fresh coordinator's start and of an
 * in-memory database's (6 s of CPU on the 2-core CI box, 25–30 s under load), paid by every test
 * that starts one.
 */
export const PGLITE_TEMPLATE_ENV = 'EDGEFLEET_PGLITE_TEMPLATE';

/** The template's tar (PGLITE_TEMPLATE_ENV) for an in-memory `location`, if there is one. */
export function pgliteTemplateTar(location: string): string | undefined {
  const template = process.env[PGLITE_TEMPLATE_ENV];
  if (!location.startsWith('memory://') || !template) return undefined;
  return existsSync(`${template}.tar`) ? `${template}.tar` : undefined;
}

/**
 * Creates a new PGlite data directory (initdb) in a short-lived child process, so the coordinator
 * never holds initdb's WASM instance: in-process, a first start kept ~700 MiB RSS (initdb's and the
 * server's linear memories and compiled code) that a later open of the same directory does not
 * need (~150 MiB). No-op for an existing directory and for in-memory databases.
 */
export async function initPgliteOutOfProcess(location: string): Promise<void> {
  if (location.startsWith('memory://') || existsSync(join(location, 'PG_VERSION'))) return;
  const template = process.env[PGLITE_TEMPLATE_ENV];
  if (template) {
    await cp(template, location, { recursive: true, errorOnExist: true, force: false }).catch(
      (err: unknown) => {
        throw new PgliteInitError(location, null, String(err));
      },
    );
    return;
  }
  const entry = import.meta.resolve('@electric-sql/pglite');
  const code =
    `const { PGlite } = await import(${JSON.stringify(entry)});` +
    `const pg = new PGlite(process.argv[1], { postgresqlconf: JSON.parse(process.argv[2]) });` +
    `await pg.waitReady; await pg.close();`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', code, location, JSON.stringify(PGLITE_SETTINGS)],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr = (stderr + d).slice(-4000);
    });
    child.once('error', reject);
    child.once('exit', (exitCode) =>
      exitCode === 0 ? resolve() : reject(new PgliteInitError(location, exitCode, stderr)),
    );
  });
}
