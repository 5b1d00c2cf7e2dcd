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
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Our own `mosquitto` on an ephemeral port with a generated config: a password file made by
 * `mosquitto_passwd` (users: name → password) and an ACL file. Not the shared one on 1883.
 */
export async function startMosquitto(o: { users?: Record<string, string>; acl?: string; conf?: string[]; port?: number } = {}): Promise<MosquittoProc> {
  const dir = mkdtempSync(join(tmpdir(), 'ef-mosq-'));
  const port = o.port ?? (await freePort());
  // as root, mosquitto would drop to user "mosquitto", which cannot read our 0600 files
  const conf = [`user ${userInfo().username}`, 'per_listener_settings false', `listener ${port} 127.0.0.1`, 'persistence false', 'log_dest stderr', 'log_type error', 'log_type warning'];
  if (o.users) {
    const passwd = join(dir, 'passwd');
    writeFileSync(passwd, Object.entries(o.users).map(([u, p]) => `${u}:${p}`).join('\n') + '\n', { mode: 0o600 });
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
  writeFileSync(join(dir, 'mosquitto.conf'), conf.join('\n') + '\n');
  const child = spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited (${child.exitCode}): ${out}`);
    const ok = await new Promise<boolean>((r) => {
      const s = createConnection({ port, host: '127.0.0.1' }, () => { s.destroy(); r(true); });
      s.once('error', () => r(false));
    });
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port, url: `mqtt://127.0.0.1:${port}`, dir, child, output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
