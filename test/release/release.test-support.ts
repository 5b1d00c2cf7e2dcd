import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, runProcess, type Proc } from '../support/processes.js';

const run = promisify(execFile);

/** The one script the release test and the coordinator image share (deploy/docker/Dockerfile). */
export const PACK_RELEASE = join(ROOT, 'scripts/pack-release.sh');

export interface InstalledRelease {
  /** The tarballs `pack` wrote (edgefleet-<package>-<version>.tgz). */
  tarballs: string;
  /** The install prefix: node_modules/ with the packages, bin/ with the launchers. */
  prefix: string;
  /** A working directory outside the checkout, so nothing resolves from its node_modules. */
  outside: string;
  /** Runs an installed launcher (edgefleet, edgefleet-agent, edgefleet-coordinator) from `outside`. */
  bin(name: string, args: string[], env?: Record<string, string>): Proc;
}

const OPTS = { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 };

/** `pack-release.sh pack` (npm run build + npm pack of every workspace) into a new temporary directory. */
export async function packRelease(): Promise<{ base: string; tarballs: string }> {
  const base = mkdtempSync(join(tmpdir(), 'ef-release-'));
  const tarballs = join(base, 'tarballs');
  await run('bash', [PACK_RELEASE, 'pack', tarballs], OPTS);
  return { base, tarballs };
}

/**
 * Builds, packs and installs the release exactly as the image does: `pack-release.sh pack`
 * (npm run build + npm pack of every workspace), then `pack-release.sh install` of `programs`
 * into an empty prefix under the system temp directory (outside the checkout). Minutes on a
 * loaded machine: share one per test file.
 */
export async function installRelease(programs: string[]): Promise<InstalledRelease> {
  const { base, tarballs } = await packRelease();
  const prefix = join(base, 'prefix');
  const outside = join(base, 'work');
  mkdirSync(outside);
  await run('bash', [PACK_RELEASE, 'install', tarballs, prefix, ...programs], OPTS);
  return {
    tarballs,
    prefix,
    outside,
    bin: (name, args, env = {}) => runProcess(join(prefix, 'bin', name), args, env, outside),
  };
}

/** The file names inside a tarball (package/…). */
export async function tarballFiles(tgz: string): Promise<string[]> {
  const { stdout } = await run('tar', ['-tzf', tgz], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.split('\n').filter(Boolean);
}
