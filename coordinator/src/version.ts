import { readFileSync } from 'node:fs';

/** This package's version, from its package.json (the same path from src/ and from dist/). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/** This coordinator's version (build info on /metrics). */
export const COORDINATOR_VERSION = packageVersion();
