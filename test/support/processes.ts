import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Proc {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first match of `re` in stdout+stderr, or rejects on exit/timeout. */
  waitFor: (re: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
  kill: (sig?: NodeJS.Signals) => Promise<number | null>;
}

/**
 * Runs a TypeScript entry point of this repo as a real child process (tsx, source conditions);
 * `nodeFlags` go to node before them.
 */
export function runTs(
  entry: string,
  args: string[],
  env: Record<string, string> = {},
  nodeFlags: string[] = [],
): Proc {
  return runProcess(
    process.execPath,
    [...nodeFlags, '--conditions=source', '--import', 'tsx', entry, ...args],
    env,
  );
}

/** Runs any executable (an installed launcher, a shell script) as a real child process. */
export function runProcess(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  cwd = ROOT,
): Proc {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, EDGEFLEET_LOG_LEVEL: process.env.EDGEFLEET_E2E_LOG ?? 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (b: Buffer) => {
    out += b.toString();
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      for (const l of listeners) l();
      resolve(code);
    }),
  );
  return {
    child,
    output: () => out,
    exited,
    waitFor(re, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = re.exec(out);
          if (m) {
            done();
            resolve(m);
          } else if (child.exitCode !== null) {
            done();
            reject(
              new Error(`process exited (${child.exitCode}) before ${re}:\n${out.slice(-4000)}`),
            );
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${re}:\n${out.slice(-4000)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async kill(sig = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(sig);
      return exited;
    },
  };
}

/** Polls `fn` until it returns a value that passes `ok`, or throws with the last value. */
export async function eventually<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 20_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastErr: unknown;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (ok(last)) return last;
    } catch (err) {
      lastErr = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(
    `condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(last)}${lastErr ? `; last error: ${String(lastErr)}` : ''}`,
  );
}
