import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, where `tsx` and the `source` condition resolve. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface TsChild {
  child: ChildProcess;
  /** Complete stdout lines so far (a line cut by a kill is never included). */
  lines: string[];
  /** Resolves when `count` lines have arrived (or the child exits first). */
  waitForLines(count: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Runs a TypeScript file under node the way the project does (`--conditions=source --import tsx`). */
export function spawnTs(script: string, args: string[], opts: { shellPrefix?: string } = {}): TsChild {
  const nodeArgs = ['--conditions=source', '--import', 'tsx', script, ...args];
  const child = opts.shellPrefix
    ? spawn('bash', ['-c', `${opts.shellPrefix} && exec "$0" "$@"`, process.execPath, ...nodeArgs], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, nodeArgs, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const waiters: { count: number; resolve: () => void }[] = [];
  const wake = (all: boolean): void => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (all || lines.length >= w.count) {
        waiters.splice(i, 1);
        w.resolve();
      }
    }
  };
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    wake(false);
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => {
      wake(true);
      resolve({ code, signal, stderr });
    });
  });
  return {
    child,
    lines,
    exited,
    waitForLines: (count) =>
      lines.length >= count || child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
  };
}
