import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/processes.js';

/** Every `npm start` of this file, by process group (each is its own group, as a terminal job is). */
const groups: number[] = [];
const dirs: string[] = [];

afterAll(() => {
  // Whatever a failed case left behind (the orphaned demo of the bug) ends with its group.
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone: the case passed
    }
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Demo {
  pid: number;
  output: () => string;
  waitFor: (re: RegExp) => Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm start -- --sites 1 --vehicles 1` as a user runs it, on ephemeral ports and a temp data dir. */
function npmStart(): Demo {
  const dataDir = mkdtempSync(join(tmpdir(), 'edgefleet-start-'));
  dirs.push(dataDir);
  const child = spawn(
    'npm',
    ['start', '--', '--sites', '1', '--vehicles', '1', '--data-dir', dataDir],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        EDGEFLEET_COORDINATOR_HTTP__PORT: '0',
        EDGEFLEET_COORDINATOR_GRPC__PORT: '0',
        EDGEFLEET_COORDINATOR_MQTT__PORT: '0',
      },
    },
  );
  groups.push(child.pid as number);
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (b: Buffer) => {
    out += b.toString();
    for (const w of waiters) w();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    pid: child.pid as number,
    output: () => out,
    exited,
    waitFor: (re) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = re.exec(out);
          if (m) {
            waiters.delete(check);
            resolve(m);
          } else if (child.exitCode !== null) {
            waiters.delete(check);
            reject(new Error(`npm start exited before ${re}:\n${out}`));
          }
        };
        waiters.add(check);
        check();
      }),
  };
}

/** Ports the demo printed: HTTP, gRPC, MQTT. */
async function ports(d: Demo): Promise<number[]> {
  const [, http] = await d.waitFor(/REST API\s+http:\/\/127\.0\.0\.1:(\d+)\//);
  const [, grpc] = await d.waitFor(/gRPC\s+127\.0\.0\.1:(\d+)/);
  const [, mqtt] = await d.waitFor(/MQTT\s+mqtt:\/\/127\.0\.0\.1:(\d+)/);
  return [http, grpc, mqtt].map(Number);
}

/** Whether something still accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

const anyListening = async (ps: number[]) => (await Promise.all(ps.map(listening))).some(Boolean);

describe('npm start stops on a signal (real npm, coordinator, sites and vehicles)', () => {
  it('SIGTERM to the npm PID stops the whole demo and frees its ports', async () => {
    const d = npmStart();
    const ps = await ports(d);
    await d.waitFor(/vehicles start now/);
    expect(await anyListening(ps)).toBe(true);
    process.kill(d.pid, 'SIGTERM');
    const exit = await d.exited;
    // npm exits once its script has: then nothing of the demo may listen any more.
    expect(await anyListening(ps)).toBe(false);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(d.output()).toMatch(/SIGTERM: stopping the demo/);
  }, 240_000);

  it('Ctrl-C (SIGINT to the group: npm forwards a second copy) while the sites enroll', async () => {
    const d = npmStart();
    const ps = await ports(d);
    await d.waitFor(/starting 1 sites in/);
    process.kill(-d.pid, 'SIGINT');
    const exit = await d.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(await anyListening(ps)).toBe(false);
    expect(d.output()).toMatch(/SIGINT: stopping the demo/);
    expect(d.output()).not.toMatch(/vehicles start now/);
  }, 240_000);
});
