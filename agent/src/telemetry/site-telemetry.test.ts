import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { createHook } from '@edgefleet/firmware-hooks';
import type { edgefleet } from '@edgefleet/proto';
import { Admission } from '../admission.js';
import { agentConfigSchema } from '../config.js';
import { OutboxDiskFullError, openOutbox, type FileOutbox } from '../outbox/index.js';
import { SITE, burn, tempDir } from '../outbox/testdata/burns.js';
import { FaultyFs } from '../outbox/testdata/faulty-fs.js';
import { ComputeStats } from './compute-stats.js';
import { HookPoller } from './hook-poller.js';
import { createSiteTelemetry } from './site-telemetry.js';

const log = createLogger('test', 'silent');
const NOW = 1_800_000_000_000;
const opened: FileOutbox[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

describe('createSiteTelemetry', () => {
  it('reports as configured, and before each report expires leases and probes a full disk again, so the alarm is current', async () => {
    const config = agentConfigSchema.parse({
      siteId: SITE,
      secret: 'telemetry-test-secret-0123456789',
      coordinator: { grpc: '127.0.0.1:1' },
      mqtt: { url: 'mqtt://127.0.0.1:1' },
      hostMetrics: false,
      pops: [{ id: 'pop-1', simulatedRttMs: 4 }],
    });
    const fs = new FaultyFs();
    const outbox = await openOutbox({ dir: await tempDir(), siteId: SITE, fs });
    opened.push(outbox);
    const admission = new Admission(['llama-3-8b'], 1);
    const hooks = new HookPoller({
      hook: createHook('fake', { seed: 5, accelerators: [{ profile: 'fake-h100', count: 1 }] }),
      timeoutMs: 1000,
      onAccelerators: (a) => admission.setAccelerators(a),
    });
    const order: string[] = [];
    const sent: edgefleet.v1.Telemetry[] = [];
    const telemetry = createSiteTelemetry(config, {
      models: ['llama-3-8b'],
      hooks,
      admission,
      outbox,
      compute: new ComputeStats({ kind: 'simulated' }),
      clock: { now: () => NOW },
      link: {
        publishTelemetry: (t) => {
          order.push(`publish (disk full: ${String(outbox.diskFull)})`);
          sent.push(t);
        },
      },
      log,
      expireLeases: () => order.push(`expire (disk full: ${String(outbox.diskFull)})`),
    });

    fs.quota = 0;
    await expect(outbox.append(burn(1))).rejects.toBeInstanceOf(OutboxDiskFullError);
    await telemetry.report();
    expect(sent[0]?.hook_errors.map((e) => e.code)).toContain('OUTBOX_DISK_FULL');

    fs.quota = Infinity; // space returned: the next round's probe clears the alarm before it reports
    await telemetry.report();
    expect(order).toEqual([
      'expire (disk full: true)',
      'publish (disk full: true)',
      'expire (disk full: true)',
      'publish (disk full: false)',
    ]);
    const last = sent[1];
    expect(last?.hook_errors.map((e) => e.code)).not.toContain('OUTBOX_DISK_FULL');
    expect(last).toMatchObject({ site_id: SITE, models: ['llama-3-8b'], host: null });
    expect(Number(last?.ts_ms)).toBe(NOW);
    expect(last?.rtt.map((r) => r.pop_id)).toEqual(['pop-1']);
  });
});
