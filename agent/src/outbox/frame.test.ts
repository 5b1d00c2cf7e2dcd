import { describe, expect, it } from 'vitest';
import { OutboxCorruptError } from './errors.js';
import { FRAME_HEADER_BYTES, encodeFrame, scanFrames } from './frame.js';

const frames = ['{"a":1}', '{"b":"two"}', '{"c":[3,3,3]}'].map((s) => encodeFrame(Buffer.from(s)));
const whole = Buffer.concat(frames);
const f0 = frames[0]!.length;
const f1 = frames[1]!.length;

function corruptAt(offset: number, src: Buffer = whole): Buffer {
  const copy = Buffer.from(src);
  copy[offset] = copy[offset]! ^ 0x40;
  return copy;
}

function thrown(fn: () => unknown): OutboxCorruptError {
  try {
    fn();
  } catch (err) {
    if (err instanceof OutboxCorruptError) return err;
    throw err;
  }
  throw new Error('expected OutboxCorruptError');
}

describe('frames', () => {
  it('round-trips payloads and reports no torn tail', () => {
    const scan = scanFrames(whole, 'x');
    expect(scan.frames.map((f) => f.payload.toString())).toEqual([
      '{"a":1}',
      '{"b":"two"}',
      '{"c":[3,3,3]}',
    ]);
    expect(scan.validEnd).toBe(whole.length);
    expect(scan.torn).toBeUndefined();
  });

  it('treats a partial last frame as a torn tail, at any cut point', () => {
    const lastStart = f0 + f1;
    for (let cut = lastStart + 1; cut < whole.length; cut++) {
      const scan = scanFrames(whole.subarray(0, cut), 'x');
      expect(scan.frames).toHaveLength(2);
      expect(scan.validEnd).toBe(lastStart);
      expect(scan.torn).toMatchObject({ offset: lastStart, bytes: cut - lastStart });
    }
  });

  it('treats a zero-filled tail (size extended, data never written) as torn', () => {
    const scan = scanFrames(Buffer.concat([whole, Buffer.alloc(4096)]), 'x');
    expect(scan.frames).toHaveLength(3);
    expect(scan.torn).toMatchObject({
      offset: whole.length,
      bytes: 4096,
      reason: 'bad frame magic',
    });
  });

  it('treats a last frame whose payload was only partly persisted as torn', () => {
    const scan = scanFrames(corruptAt(whole.length - 2), 'x');
    expect(scan.frames).toHaveLength(2);
    expect(scan.torn?.reason).toBe('frame payload checksum mismatch');
  });

  it('refuses a corrupted payload byte that durable frames follow, naming the offset', () => {
    const err = thrown(() => scanFrames(corruptAt(f0 + FRAME_HEADER_BYTES + 3), 'the.log'));
    expect(err.code).toBe('OUTBOX_CORRUPT');
    expect(err.data).toMatchObject({ file: 'the.log', offset: f0, nextValidOffset: f0 + f1 });
    expect(err.message).toContain(`offset ${f0}`);
  });

  it('refuses a corrupted length field instead of mistaking the rest for a torn tail', () => {
    const err = thrown(() => scanFrames(corruptAt(f0 + 5), 'x'));
    expect(err.data).toMatchObject({
      offset: f0,
      reason: expect.stringContaining('header checksum') as unknown,
    });
  });

  it('refuses a corrupted first frame', () => {
    expect(thrown(() => scanFrames(corruptAt(1), 'x')).data).toMatchObject({
      offset: 0,
      nextValidOffset: f0,
    });
  });
});
