import { describe, expect, it } from 'vitest';
import { GroupCommit, type Outcome } from './group-commit.js';

/** A writeBatch that records each batch and holds the first one until releaseFirst(). */
function holdingFirst(answer: (n: number) => Outcome<number> = (n) => ({ ok: true, value: n })) {
  const batches: number[][] = [];
  let releaseFirst!: () => void;
  const firstHeld = new Promise<void>((r) => (releaseFirst = r));
  const write = async (reqs: number[]): Promise<Outcome<number>[]> => {
    batches.push(reqs);
    if (batches.length === 1) await firstHeld;
    return reqs.map(answer);
  };
  return { batches, releaseFirst, write };
}

describe('GroupCommit', () => {
  it('writes what queued during a batch together, in order, answering each request', async () => {
    const { batches, releaseFirst, write } = holdingFirst((n) =>
      n % 2 === 0 ? { ok: true, value: n * 10 } : { ok: false, error: new Error(`odd ${n}`) },
    );
    const gc = new GroupCommit<number, number>(write);
    const first = gc.submit(0).then(
      (v) => `ok ${v}`,
      (e: unknown) => (e as Error).message,
    );
    await new Promise((r) => setImmediate(r)); // the first batch starts in the next turn
    const results = [
      first,
      ...[1, 2, 3, 4].map((n) =>
        gc.submit(n).then(
          (v) => `ok ${v}`,
          (e: unknown) => (e as Error).message,
        ),
      ),
    ];
    releaseFirst();
    expect(await Promise.all(results)).toEqual(['ok 0', 'odd 1', 'ok 20', 'odd 3', 'ok 40']);
    expect(batches).toEqual([[0], [1, 2, 3, 4]]);
  });

  it('puts what is submitted in one turn of the event loop in one batch', async () => {
    const batches: number[][] = [];
    const gc = new GroupCommit<number, number>(async (reqs) => {
      batches.push(reqs);
      return reqs.map((n) => ({ ok: true, value: n }));
    });
    const a = [0, 1, 2].map((n) => gc.submit(n));
    await Promise.resolve();
    const b = [3, 4].map((n) => gc.submit(n));
    expect(await Promise.all([...a, ...b])).toEqual([0, 1, 2, 3, 4]);
    expect(batches).toEqual([[0, 1, 2, 3, 4]]);
  });

  it('fails every request of a batch whose write failed, then carries on', async () => {
    let calls = 0;
    const gc = new GroupCommit<number, number>(async (reqs) => {
      calls++;
      if (calls === 1) throw new Error('database gone');
      return reqs.map((n) => ({ ok: true, value: n }));
    });
    await expect(gc.submit(1)).rejects.toThrow('database gone');
    await expect(gc.submit(2)).resolves.toBe(2);
  });

  it('splits a burst into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const gc = new GroupCommit<number, number>(async (reqs) => {
      sizes.push(reqs.length);
      return reqs.map((n) => ({ ok: true, value: n }));
    }, 3);
    await Promise.all(Array.from({ length: 8 }, (_, i) => gc.submit(i)));
    expect(sizes.every((s) => s <= 3)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(8);
  });

  it('with maxInFlight 2 hands the next batch over while the first is written; batches start in order', async () => {
    const { batches: started, releaseFirst, write } = holdingFirst();
    const gc = new GroupCommit<number, number>(write, 256, 2);
    const first = gc.submit(0);
    await new Promise((r) => setImmediate(r));
    const second = [1, 2].map((n) => gc.submit(n));
    await new Promise((r) => setImmediate(r));
    const third = [3, 4].map((n) => gc.submit(n));
    await Promise.all(second); // answered while the first batch is still held
    expect(started).toEqual([[0], [1, 2]]); // the third waits for a free slot
    releaseFirst();
    expect(await Promise.all([first, ...second, ...third])).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([[0], [1, 2], [3, 4]]);
  });
});
