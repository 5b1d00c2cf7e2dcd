import { readFileSync } from 'node:fs';

/** This package's version, from its package.json (the same path from src/ and from dist/). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/**
 * This agent's version (`edgefleet-agent --version`), told to the coordinator in the hello and
 * the retained status: the package's own, so a release cannot announce another.
 */
export const AGENT_VERSION = packageVersion();
