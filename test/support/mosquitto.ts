import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@edgefleet/common';

export interface MosquittoProc {
  port: number;
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function listening(port: number, timeoutMs = 5000): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        r(true);
      });
      s.once('error', () => r(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A private Mosquitto on an ephemeral port (anonymous, no persistence) that a test can stop and restart. */
export async function privateMosquitto(extraConf = ''): Promise<MosquittoProc> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ef-mosq-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 100000\n${extraConf}`);
  let child: ChildProcess | undefined;
  const m: MosquittoProc = {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    async start() {
      child = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
      await listening(port);
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      const gone = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await gone;
    },
  };
  await m.start();
  return m;
}
