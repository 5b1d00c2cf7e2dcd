import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@edgefleet/common';

export interface MosquittoProc {
  port: number;
  url: string;
  dir: string;
  /** The running broker process (the latest one after a restart). */
  readonly child: ChildProcess;
  output: () => string;
  /** Stops the broker (SIGKILL to simulate a crash). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port with the same configuration (after stop()). */
  start(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' }, () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * Our own `mosquitto` on an ephemeral loopback port with a generated config, never the shared one
 * on 1883: anonymous by default, or a password file made by `mosquitto_passwd` (users: name →
 * password) and an ACL file; `conf` adds lines. It can be stopped and started again on its port.
 */
export async function startMosquitto(
  o: { users?: Record<string, string>; acl?: string; conf?: string[]; port?: number } = {},
): Promise<MosquittoProc> {
  const dir = mkdtempSync(join(tmpdir(), 'ef-mosq-'));
  const port = o.port ?? (await freePort());
  // as root, mosquitto would drop to user "mosquitto", which cannot read our 0600 files
  const conf = [
    `user ${userInfo().username}`,
    'per_listener_settings false',
    `listener ${port} 127.0.0.1`,
    'persistence false',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
  ];
  if (o.users) {
    const passwd = join(dir, 'passwd');
    writeFileSync(
      passwd,
      Object.entries(o.users)
        .map(([u, p]) => `${u}:${p}`)
        .join('\n') + '\n',
      { mode: 0o600 },
    );
    const r = spawnSync('mosquitto_passwd', ['-U', passwd], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mosquitto_passwd -U failed: ${r.stderr}`);
    conf.push('allow_anonymous false', `password_file ${passwd}`);
  } else {
    conf.push('allow_anonymous true');
  }
  if (o.acl !== undefined) {
    writeFileSync(join(dir, 'acl'), o.acl);
    conf.push(`acl_file ${join(dir, 'acl')}`);
  }
  conf.push(...(o.conf ?? []));
  const confFile = join(dir, 'mosquitto.conf');
  writeFileSync(confFile, conf.join('\n') + '\n');

  let out = '';
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const launch = async () => {
    const c = spawn('mosquitto', ['-c', confFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    c.stdout?.on('data', (b: Buffer) => (out += b.toString()));
    c.stderr?.on('data', (b: Buffer) => (out += b.toString()));
    exited = new Promise<void>((r) => c.once('exit', () => r()));
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (c.exitCode !== null) throw new Error(`mosquitto exited (${c.exitCode}): ${out}`);
      if (await accepts(port)) return;
      if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await launch();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    dir,
    output: () => out,
    get child() {
      return child as ChildProcess;
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    start: launch,
  };
}
