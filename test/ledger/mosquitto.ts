import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@edgefleet/common';

/** A private mosquitto on an ephemeral loopback port (anonymous, no persistence) that a test can stop and start again. */
export class Mosquitto {
  private child: ChildProcess | undefined;
  private constructor(readonly port: number, private readonly conf: string) {}

  static async start(): Promise<Mosquitto> {
    const port = await freePort();
    const conf = join(mkdtempSync(join(tmpdir(), 'ef-mosq-')), 'mosquitto.conf');
    writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 100000\n`);
    const m = new Mosquitto(port, conf);
    await m.up();
    return m;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const child = spawn('mosquitto', ['-c', this.conf], { stdio: 'ignore' });
    this.child = child;
    const deadline = Date.now() + 10_000;
    while (!(await accepts(this.port))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`mosquitto on ${this.port} did not start (exit ${child.exitCode})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async down(): Promise<void> {
    const c = this.child;
    this.child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
