import { execFile } from 'node:child_process';
import {
  HookAbortedError,
  HookExitError,
  HookOutputTooLargeError,
  HookTimeoutError,
  HookToolMissingError,
  type HookError,
} from './errors.js';

export const DEFAULT_TIMEOUT_MS = 5_000;
/** 4 MiB: `nvidia-smi -q -x` on an 8-GPU host is about 0.5 MiB. */
export const DEFAULT_MAX_BUFFER = 4 * 1024 * 1024;

export interface RunToolOptions {
  /** Hook name, for errors. */
  hook: string;
  command: string;
  args: readonly string[];
  timeoutMs?: number;
  maxBuffer?: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

interface ExecError extends Error {
  code?: string | number | null;
  signal?: NodeJS.Signals | null;
  killed?: boolean;
}

/**
 * Runs a vendor tool without a shell and returns its stdout. Every failure is a distinct
 * HookError: missing tool, timeout, abort, non-zero exit, output over maxBuffer.
 *
 * The deadline is ours, not execFile's: when it passes we SIGKILL the tool and settle at once,
 * even if a grandchild still holds the output pipe open (execFile would wait for it).
 */
export function runTool(opts: RunToolOptions): Promise<string> {
  const { hook, command, args } = opts;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBuffer = opts.maxBuffer ?? DEFAULT_MAX_BUFFER;
  const shown = [command, ...args].join(' ');
  if (opts.signal?.aborted)
    return Promise.reject(new HookAbortedError(hook, shown, { cause: opts.signal.reason }));

  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const done = (err: HookError | null, out = ''): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(out);
    };
    const child = execFile(
      command,
      [...args],
      {
        encoding: 'utf8',
        maxBuffer,
        killSignal: 'SIGKILL',
        windowsHide: true,
        // Vendor tools print decimal points and English labels only in the C locale.
        env: { ...(opts.env ?? process.env), LC_ALL: 'C', LANG: 'C' },
      },
      (error, stdout, stderr) => {
        if (!error) return done(null, stdout);
        const e = error as ExecError;
        if (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'ENOTDIR')
          return done(new HookToolMissingError(hook, command, { cause: e }));
        if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
          return done(new HookOutputTooLargeError(hook, shown, maxBuffer, { cause: e }));
        const exitCode = typeof e.code === 'number' ? e.code : null;
        return done(
          new HookExitError(hook, shown, exitCode, e.signal ?? null, String(stderr ?? ''), {
            cause: e,
          }),
        );
      },
    );
    const kill = (): void => {
      child.kill('SIGKILL');
      child.stdout?.destroy();
      child.stderr?.destroy();
    };
    const onAbort = (): void => {
      kill();
      done(new HookAbortedError(hook, shown, { cause: opts.signal?.reason }));
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      kill();
      done(new HookTimeoutError(hook, shown, timeoutMs));
    }, timeoutMs);
  });
}
