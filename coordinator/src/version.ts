import { readFileSync } from 'node:fs';

/** This coordinator's version: its package's, the same from src/ (tsx) and from dist/. */
export const COORDINATOR_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
