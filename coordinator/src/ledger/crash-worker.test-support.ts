import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Runs a crash-worker fixture (a `.ts` file that prints `committed N` after each durable step) until
 * it has reported `steps` steps, then SIGKILLs it; resolves with the last step it reported. A worker
 * that exits by itself rejects, with its stderr.
 */
export function runAndKill(worker: string, args: string[], steps: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', worker, ...args],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let last = 0;
    let buffered = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^committed (\d+)$/.exec(line);
        if (m) last = Number(m[1]);
      }
      if (last >= steps && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(last);
      else reject(new Error(`worker exited by itself (code ${code}): ${stderr}`));
    });
  });
}
