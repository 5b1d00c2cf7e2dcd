import type { Flags } from './args.js';

/** Where a command writes: stdout, progress on stderr, and the environment it reads. */
export interface Io {
  out(text: string): void;
  /** Progress and notes (stderr); optional. */
  err?(text: string): void;
  env: NodeJS.ProcessEnv;
}

/**
 * What every command gets. Its own file so that command modules (enroll-codes, loadgen) and the
 * command table (commands.ts) depend on it, not on each other.
 */
export interface Ctx {
  flags: Flags;
  args: string[];
  io: Io;
}
