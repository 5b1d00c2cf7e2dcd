/**
 * Child for the real-kernel disk-error test: run under `ulimit -f`, it appends until the kernel
 * refuses (a short write, then EFBIG), then reports the outbox's state as JSON lines.
 */
import { openOutbox } from '../index.js';
import { burn } from './burns.js';

const [dir, siteId] = process.argv.slice(2);
if (dir === undefined || siteId === undefined) throw new Error('usage: fsize-child <dir> <siteId>');
const outbox = await openOutbox({ dir, siteId });
const say = (o: unknown): void => void process.stdout.write(`${JSON.stringify(o)}\n`);
for (let i = 1; i < 1_000_000; i++) {
  try {
    const r = await outbox.append(burn(i));
    say({ ok: r.seq, hash: r.hash });
  } catch (err) {
    const e = err as { code?: string; data?: { errno?: string } };
    say({ failed: e.code, errno: e.data?.errno, lastSeq: outbox.lastSeq, depth: outbox.depth, broken: outbox.broken !== undefined });
    break;
  }
}
try {
  await outbox.append(burn(0));
  say({ second: 'ok' });
} catch (err) {
  say({ second: (err as { code?: string }).code, lastSeq: outbox.lastSeq });
}
await outbox.close();
say({ closed: true });
