import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { OutboxDiskFullError, openOutbox, type FileOutbox } from '../outbox/index.js';
import { SITE, burn, tempDir } from '../outbox/testdata/burns.js';
import { FaultyFs } from '../outbox/testdata/faulty-fs.js';
import { DiskFullWatch } from './disk-full-watch.js';

const opened: FileOutbox[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

describe('DiskFullWatch (one tick per telemetry round)', () => {
  it('probes for space while the disk is full, clears diskFull when it returns, and logs each change once', async () => {
    const fs = new FaultyFs();
    const outbox = await openOutbox({ dir: await tempDir(), siteId: SITE, fs });
    opened.push(outbox);
    const log = createLogger('test', 'silent');
    const error = vi.spyOn(log, 'error');
    const warn = vi.spyOn(log, 'warn');
    const watch = new DiskFullWatch(outbox, log);

    await watch.tick();
    expect([error.mock.calls.length, warn.mock.calls.length]).toEqual([0, 0]);

    fs.quota = 0;
    await expect(outbox.append(burn(1))).rejects.toBeInstanceOf(OutboxDiskFullError);
    await watch.tick();
    await watch.tick(); // still full: probed again, not logged again
    expect(outbox.diskFull).toBe(true);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0]?.[0]).toMatchObject({ code: 'OUTBOX_DISK_FULL' });

    fs.quota = Infinity;
    await watch.tick();
    expect(outbox.diskFull).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect((await outbox.append(burn(1))).seq).toBe(1);
  });
});
