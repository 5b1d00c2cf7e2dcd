import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/processes.js';

/**
 * The bin launcher (common/launcher.js) runs ../src/cli.ts of the bin beside it in a child process.
 * Here that CLI is a stand-in that counts the signals it sees and, after the first, stops
 * gracefully: it waits a while (a second, forwarded signal would land in that window) and exits 0
 * with the list of signals on stdout. A signal it does not handle kills it.
 */
const FAKE_CLI = `
const seen: string[] = [];
const handled = (process.env.HANDLE ?? 'SIGINT,SIGTERM,SIGHUP,SIGQUIT').split(',').filter(Boolean);
for (const sig of handled) {
  process.on(sig, () => {
    seen.push(sig);
    if (seen.length > 1) return;
    setTimeout(() => {
      process.stdout.write(JSON.stringify(seen) + '\\n');
      process.exit(0);
    }, Number(process.env.GRACE_MS));
  });
}
process.stdout.write('ready ' + process.pid + '\\n');
setInterval(() => undefined, 60_000);
`;

let dir: string;
let bin: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'edgefleet-launcher-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'src'));
  const launcher = pathToFileURL(join(ROOT, 'common/launcher.js')).href;
  bin = join(dir, 'bin/fake.js');
  writeFileSync(bin, `import { launch } from '${launcher}';\nawait launch(import.meta.url);\n`);
  writeFileSync(join(dir, 'src/cli.ts'), FAKE_CLI);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
}

/**
 * Starts the launcher as the leader of its own process group (as a shell does for a foreground
 * job) and, once the child is up, signals it with `send`.
 */
function launchAndSignal(
  send: (launcherPid: number) => void,
  env: Record<string, string> = {},
): Promise<Exit> {
  const p = spawn(process.execPath, [bin], {
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, GRACE_MS: '1500', ...env },
  });
  let stdout = '';
  let sent = false;
  p.stdout.on('data', (b: Buffer) => {
    stdout += b.toString();
    if (!sent && stdout.includes('ready')) {
      sent = true;
      send(p.pid as number);
    }
  });
  return new Promise((resolve) =>
    p.once('exit', (code, signal) => resolve({ code, signal, stdout })),
  );
}

const seen = (e: Exit): unknown => JSON.parse(e.stdout.trim().split('\n').at(-1) ?? 'null');

describe('bin launcher signals (real processes)', () => {
  it('Ctrl-C in a terminal (SIGINT to the process group): the child sees it once and exits cleanly', async () => {
    const e = await launchAndSignal((pid) => process.kill(-pid, 'SIGINT'));
    expect(seen(e)).toEqual(['SIGINT']);
    expect([e.code, e.signal]).toEqual([0, null]);
  });

  it('Ctrl-\\ (SIGQUIT to the group) is not doubled either', async () => {
    const e = await launchAndSignal((pid) => process.kill(-pid, 'SIGQUIT'));
    expect(seen(e)).toEqual(['SIGQUIT']);
    expect([e.code, e.signal]).toEqual([0, null]);
  });

  it('SIGTERM and SIGHUP to the launcher alone reach the child, once', async () => {
    for (const sig of ['SIGTERM', 'SIGHUP'] as const) {
      const e = await launchAndSignal((pid) => process.kill(pid, sig));
      expect(seen(e)).toEqual([sig]);
      expect([e.code, e.signal]).toEqual([0, null]);
    }
  });

  it('a child killed by a signal: the launcher dies of the same signal', async () => {
    const e = await launchAndSignal((pid) => process.kill(pid, 'SIGTERM'), { HANDLE: '' });
    expect([e.code, e.signal]).toEqual([null, 'SIGTERM']);
  });

  it('a child killed by Ctrl-C: the launcher outlives the signal, then dies of it too', async () => {
    const e = await launchAndSignal((pid) => process.kill(-pid, 'SIGINT'), { HANDLE: '' });
    expect([e.code, e.signal]).toEqual([null, 'SIGINT']);
  });
});
