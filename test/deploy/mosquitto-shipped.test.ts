import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { freePort } from '@edgefleet/common';
import { eventually } from '../support/processes.js';
import { connectMqtt } from '../support/telemetry-harness.js';

/**
 * deploy/mosquitto/mosquitto.conf exactly as shipped, with only its port and its three paths
 * (password file, ACL file, persistence directory) rewritten to an ephemeral port and a temp dir.
 * The shared broker on 127.0.0.1:1883 stays up meanwhile, so a config that opens the implicit
 * default listener (an option that belongs to a listener written before the first `listener`)
 * fails here with "Address already in use", as it does on a real host.
 */
const SHIPPED = new URL('../../deploy/mosquitto/mosquitto.conf', import.meta.url);
const SHIPPED_ACL = new URL('../../deploy/mosquitto/edgefleet.acl', import.meta.url);
const hasMosquitto =
  process.platform === 'linux' &&
  spawnSync('mosquitto', ['-h'], { encoding: 'utf8' }).error === undefined &&
  spawnSync('mosquitto_passwd', ['-h'], { encoding: 'utf8' }).error === undefined;

function replaceOnce(text: string, from: string, to: string): string {
  const n = text.split(from).length - 1;
  if (n !== 1) throw new Error(`shipped mosquitto.conf: expected "${from}" once, found ${n}`);
  return text.replace(from, to);
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

/** TCP ports a process listens on (Linux: its socket inodes matched against /proc/net/tcp{,6}). */
function listeningPorts(pid: number): number[] {
  const inodes = new Set(
    readdirSync(`/proc/${pid}/fd`)
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        } catch {
          return undefined; // an fd closed between readdir and readlink
        }
      })
      .filter((i): i is string => i !== undefined),
  );
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is f[1] (hex ip:port), st is f[3] (0A = LISTEN), inode is f[9]
      if (f[3] === '0A' && f[9] !== undefined && inodes.has(f[9])) {
        ports.add(parseInt(f[1]?.split(':')[1] ?? '', 16));
      }
    }
  }
  return [...ports].sort((x, y) => x - y);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const refusal = (p: Promise<MqttClient>) =>
  p.then(
    (c) => {
      c.end(true);
      return 'connected';
    },
    (e: Error & { code?: number }) => `refused ${e.code ?? e.message}`,
  );

describe.skipIf(!hasMosquitto)(
  'the shipped deploy/mosquitto/mosquitto.conf on a real Mosquitto (skipped: needs the mosquitto and mosquitto_passwd binaries, and Linux /proc)',
  () => {
    const users = {
      'edgefleet-coordinator': 'coord-pw',
      'site-a': 'secret-a',
      'site-b': 'secret-b',
    };
    let port: number;
    let child: ChildProcess;
    let out = '';
    const clients: MqttClient[] = [];
    const login = async (user: keyof typeof users, clientId: string = user) => {
      const c = await connectMqtt(`mqtt://127.0.0.1:${port}`, {
        clientId,
        username: user,
        password: users[user],
      });
      clients.push(c);
      return c;
    };

    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ef-mosq-shipped-'));
      // Run as root, mosquitto drops to its own user: it must be able to read and write here.
      chmodSync(dir, 0o755);
      const passwd = join(dir, 'edgefleet.passwd');
      writeFileSync(
        passwd,
        Object.entries(users)
          .map(([u, p]) => `${u}:${p}`)
          .join('\n') + '\n',
      );
      const hashed = spawnSync('mosquitto_passwd', ['-U', passwd], { encoding: 'utf8' });
      if (hashed.status !== 0) throw new Error(`mosquitto_passwd -U: ${hashed.stderr}`);
      chmodSync(passwd, 0o644);
      const acl = join(dir, 'edgefleet.acl');
      copyFileSync(SHIPPED_ACL, acl);
      chmodSync(acl, 0o644);
      const data = join(dir, 'data');
      mkdirSync(data);
      chmodSync(data, 0o777);

      port = await freePort();
      let conf = readFileSync(SHIPPED, 'utf8');
      conf = replaceOnce(conf, '\nlistener 1883 0.0.0.0\n', `\nlistener ${port} 127.0.0.1\n`);
      conf = replaceOnce(conf, '/etc/mosquitto/edgefleet.passwd', passwd);
      conf = replaceOnce(conf, '/etc/mosquitto/edgefleet.acl', acl);
      conf = replaceOnce(conf, '/var/lib/mosquitto/', `${data}/`);
      const confFile = join(dir, 'mosquitto.conf');
      writeFileSync(confFile, conf);

      child = spawn('mosquitto', ['-c', confFile], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
      const deadline = Date.now() + 10_000;
      for (;;) {
        if (child.exitCode !== null)
          throw new Error(`mosquitto exited (${child.exitCode}): ${out}`);
        if (await accepts(port)) break;
        if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}: ${out}`);
        await sleep(50);
      }
    });
    afterAll(async () => {
      for (const c of clients) c.end(true);
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    });

    it('starts and listens only on the port it names (no implicit default listener on 1883)', () => {
      expect(child.exitCode).toBeNull();
      // Read from the process's own sockets (the shipped log levels do not log listeners), so
      // this holds whether or not something else already has 1883.
      expect(listeningPorts(child.pid as number)).toEqual([port]);
    });

    it('refuses anonymous and wrong-password logins', async () => {
      const url = `mqtt://127.0.0.1:${port}`;
      expect(await refusal(connectMqtt(url, { clientId: 'site-a' }))).toMatch(/^refused (4|5)$/);
      expect(
        await refusal(
          connectMqtt(url, { clientId: 'site-a', username: 'site-a', password: 'secret-b' }),
        ),
      ).toMatch(/^refused (4|5)$/);
    });

    it("enforces the shipped ACL: a site's publish under another site's prefix never arrives", async () => {
      const coord = await login('edgefleet-coordinator');
      const got: string[] = [];
      coord.on('message', (topic, payload) => got.push(`${topic}=${payload.toString()}`));
      await coord.subscribeAsync('edgefleet/v1/site/+/telemetry', { qos: 1 });
      const a = await login('site-a');
      await a.publishAsync('edgefleet/v1/site/site-b/telemetry', 'forged', { qos: 1 });
      await a.publishAsync('edgefleet/v1/site/site-a/telemetry', 'own', { qos: 1 });
      // same connection, in order: once A's own message is in, the forged one would have been too
      await eventually(
        async () => got.length,
        (n) => n >= 1,
        5000,
        20,
      );
      expect(got).toEqual(['edgefleet/v1/site/site-a/telemetry=own']);
    });

    it("keeps a site out of another site's ack; the coordinator's ack to the site arrives", async () => {
      const a = await login('site-a', 'site-a-acks');
      const got: string[] = [];
      a.on('message', (topic, payload) => got.push(`${topic}=${payload.toString()}`));
      await a.subscribeAsync('edgefleet/v1/site/site-b/ack', { qos: 1 });
      await a.subscribeAsync('edgefleet/v1/site/site-a/ack', { qos: 1 });
      const coord = await login('edgefleet-coordinator', 'ignored-id');
      await coord.publishAsync('edgefleet/v1/site/site-b/ack', 'for-b', { qos: 1 });
      await coord.publishAsync('edgefleet/v1/site/site-a/ack', 'for-a', { qos: 1 });
      await eventually(
        async () => got.length,
        (n) => n >= 1,
        5000,
        20,
      );
      await sleep(200);
      expect(got).toEqual(['edgefleet/v1/site/site-a/ack=for-a']);
    });

    it("forces the client id to the username: a site cannot take over another site's session", async () => {
      const a = await login('site-a', 'shared-id');
      let closed = false;
      a.on('close', () => (closed = true));
      const b = await login('site-b', 'shared-id');
      expect(b.connected).toBe(true);
      await sleep(300);
      expect(closed).toBe(false);
      expect(a.connected).toBe(true);
    });
  },
);
