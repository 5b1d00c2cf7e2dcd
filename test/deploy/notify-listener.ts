import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

/**
 * A stand-in for systemd's notification socket: a real AF_UNIX datagram socket (Python, since Node
 * has none) that records every sd_notify message, one per line.
 */
export async function startNotifyListener(): Promise<{
  path: string;
  messages: () => string[];
  close(): void;
}> {
  const path = join(mkdtempSync(join(tmpdir(), 'ef-notify-')), 'notify.sock');
  const py =
    'import socket,sys\ns=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\ns.bind(sys.argv[1])\nprint("bound",flush=True)\nwhile True:\n  print(s.recv(4096).decode().replace("\\n"," "),flush=True)\n';
  const child = spawn('python3', ['-u', '-c', py, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const t = setInterval(() => {
      if (out.includes('bound')) {
        clearInterval(t);
        resolve();
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(t);
      reject(new Error(`notify listener exited (${code})`));
    });
  });
  return {
    path,
    messages: () => out.split('\n').filter((l) => l && l !== 'bound'),
    close: () => child.kill('SIGKILL'),
  };
}
