import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOutbox } from './file-outbox.js';
import { OutboxFullError } from './errors.js';
import { outboxAlarm, withOutboxAlarm } from './pressure.js';

const fields = {
  lease_id: 'l1',
  accelerator_model: 'H100',
  accelerator_serial: 'SN1',
  slot: 'gpu0',
  started_at_ms: 1,
  ended_at_ms: 2,
  micro_tokens: 5,
};

describe('outbox alarm', () => {
  it('is silent below the ratio, near-full from it, full when appends are refused — on a real outbox', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ef-pressure-'));
    const o = await openOutbox({ dir, siteId: 'site-a', capacity: 10 });
    try {
      for (let i = 0; i < 7; i++) await o.append(fields);
      expect(outboxAlarm(o)).toBeUndefined();
      await o.append(fields);
      expect(outboxAlarm(o)).toMatchObject({ hook: 'outbox', code: 'OUTBOX_NEAR_FULL' });
      await o.append(fields);
      await o.append(fields);
      await expect(o.append(fields)).rejects.toBeInstanceOf(OutboxFullError);
      expect(outboxAlarm(o)).toMatchObject({
        code: 'OUTBOX_FULL',
        message: expect.stringContaining('10 of 10') as string,
      });
      await o.ack(9);
      expect(outboxAlarm(o)).toBeUndefined();
    } finally {
      await o.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says OUTBOX_DISK_FULL while the disk under the outbox is full, before any other alarm', () => {
    const a = outboxAlarm({ depth: 3, capacity: 4, isFull: true, diskFull: true });
    expect(a).toMatchObject({ hook: 'outbox', code: 'OUTBOX_DISK_FULL' });
    expect(a?.message).toMatch(/new leases refused until space returns/);
    expect(outboxAlarm({ depth: 0, capacity: 4, isFull: false, diskFull: false })).toBeUndefined();
  });

  it('is appended to the hook errors, never replacing them', () => {
    const hookErr = { hook: 'nvml', code: 'HOOK_TIMEOUT', message: 'slow' };
    expect(withOutboxAlarm([hookErr], { depth: 0, capacity: 10, isFull: false })).toEqual([
      hookErr,
    ]);
    expect(
      withOutboxAlarm([hookErr], { depth: 9, capacity: 10, isFull: false }).map((e) => e.code),
    ).toEqual(['HOOK_TIMEOUT', 'OUTBOX_NEAR_FULL']);
  });
});
