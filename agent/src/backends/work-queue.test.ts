import { describe, expect, it } from 'vitest';
import { WorkQueue } from './work-queue.js';

/** A job the test finishes by hand, so nothing here depends on timing. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  let ran = false;
  return {
    job: async () => {
      ran = true;
      await opened;
      return 'done';
    },
    open: () => open(),
    get ran() {
      return ran;
    },
  };
}

describe('WorkQueue', () => {
  it('runs at most `concurrency` jobs at once and starts the next when one finishes', async () => {
    const q = new WorkQueue({ concurrency: 1, maxQueued: 4, initialServiceMs: 10 });
    const a = gate();
    const b = gate();
    const pa = q.run(a.job);
    const pb = q.run(b.job);
    await Promise.resolve();
    expect(a.ran).toBe(true);
    expect(b.ran).toBe(false);
    expect([q.active, q.queued]).toEqual([1, 1]);
    a.open();
    await expect(pa).resolves.toBe('done');
    expect(b.ran).toBe(true);
    b.open();
    await expect(pb).resolves.toBe('done');
    expect([q.active, q.queued]).toEqual([0, 0]);
  });

  it('refuses with BACKEND_QUEUE_FULL at once when the queue is full', async () => {
    const q = new WorkQueue({ concurrency: 1, maxQueued: 1, initialServiceMs: 10 });
    const a = gate();
    const b = gate();
    const c = gate();
    const pa = q.run(a.job);
    const pb = q.run(b.job);
    await expect(q.run(c.job)).rejects.toMatchObject({ code: 'BACKEND_QUEUE_FULL' });
    expect(c.ran).toBe(false);
    a.open();
    b.open();
    await Promise.all([pa, pb]);
  });

  it("refuses with BACKEND_WAIT_EXCEEDS_DEADLINE when the work ahead outlasts the caller's deadline", async () => {
    let now = 1_000_000;
    const q = new WorkQueue({
      concurrency: 1,
      maxQueued: 8,
      initialServiceMs: 500,
      now: () => now,
    });
    const a = gate();
    const pa = q.run(a.job);
    // One job running at 500 ms each: a new one would finish in about 1000 ms.
    expect(q.expectedCompletionMs()).toBe(1000);
    const late = gate();
    await expect(q.run(late.job, { deadlineMs: now + 999 })).rejects.toMatchObject({
      code: 'BACKEND_WAIT_EXCEEDS_DEADLINE',
    });
    expect(late.ran).toBe(false);
    const ok = gate();
    const pok = q.run(ok.job, { deadlineMs: now + 60_000 });
    expect(q.queued).toBe(1);
    a.open();
    ok.open();
    await Promise.all([pa, pok]);
    now += 1;
  });

  it('drops queued work whose caller aborted; it never runs', async () => {
    const q = new WorkQueue({ concurrency: 1, maxQueued: 4, initialServiceMs: 10 });
    const a = gate();
    const b = gate();
    const pa = q.run(a.job);
    const ac = new AbortController();
    const pb = q.run(b.job, { signal: ac.signal });
    expect(q.queued).toBe(1);
    ac.abort();
    await expect(pb).rejects.toMatchObject({ code: 'QUEUED_WORK_CANCELLED' });
    expect(q.queued).toBe(0);
    a.open();
    await pa;
    expect(b.ran).toBe(false);
  });

  it('lets running work complete when its caller aborts', async () => {
    const q = new WorkQueue({ concurrency: 1, maxQueued: 4, initialServiceMs: 10 });
    const a = gate();
    const ac = new AbortController();
    const pa = q.run(a.job, { signal: ac.signal });
    await Promise.resolve();
    ac.abort();
    a.open();
    await expect(pa).resolves.toBe('done');
  });

  it('refuses an already-aborted caller without running its job', async () => {
    const q = new WorkQueue({ concurrency: 1, maxQueued: 4, initialServiceMs: 10 });
    const a = gate();
    await expect(q.run(a.job, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'QUEUED_WORK_CANCELLED',
    });
    expect(a.ran).toBe(false);
  });

  it('drops queued work when its deadline passes while it waits', async () => {
    const q = new WorkQueue({ concurrency: 1, maxQueued: 4, initialServiceMs: 0 });
    const a = gate();
    const pa = q.run(a.job);
    const b = gate();
    const pb = q.run(b.job, { deadlineMs: Date.now() + 5 });
    await expect(pb).rejects.toMatchObject({ code: 'QUEUED_WORK_CANCELLED' });
    a.open();
    await pa;
    expect(b.ran).toBe(false);
  });
});
