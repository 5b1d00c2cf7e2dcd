import { afterEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createHook } from '@edgefleet/firmware-hooks';
import { Admission } from './admission.js';
import { agentMetrics } from './agent-metrics.js';
import { openOutbox, type FileOutbox } from './outbox/index.js';
import { SITE, burn, tempDir } from './outbox/testdata/burns.js';

const opened: FileOutbox[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

async function value(
  registry: Registry,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const m = (await registry.getMetricsAsJSON()).find((x) => x.name === name);
  return m?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
}

describe('agentMetrics', () => {
  it('reads outbox depth, active leases and slots at scrape time', async () => {
    const registry = new Registry();
    const admission = new Admission(['m'], 1);
    admission.setAccelerators(
      (
        await createHook('fake', {
          seed: 1,
          accelerators: [{ profile: 'fake-h100', count: 3 }],
        }).collect()
      ).accelerators,
    );
    const outbox = await openOutbox({ dir: await tempDir(), siteId: SITE });
    opened.push(outbox);
    agentMetrics(registry, { admission, outbox, controlEndpoints: 2 });
    expect(await value(registry, 'edgefleet_agent_outbox_depth')).toBe(0);
    expect(await value(registry, 'edgefleet_agent_outbox_capacity')).toBe(outbox.capacity);
    await outbox.append(burn(1));
    await outbox.append(burn(2));
    admission.admit(
      { leaseId: 'l1', holdId: 'h1', model: 'm', budget: 1, expiresAtMs: Date.now() + 60_000 },
      Date.now(),
      false,
    );
    expect(await value(registry, 'edgefleet_agent_outbox_depth')).toBe(2);
    expect(await value(registry, 'edgefleet_agent_leases_active')).toBe(1);
    expect(await value(registry, 'edgefleet_agent_slots')).toBe(3);
    expect(await value(registry, 'edgefleet_agent_control_endpoints')).toBe(2);
    await outbox.ack(2);
    expect(await value(registry, 'edgefleet_agent_outbox_depth')).toBe(0);
  });

  it('counts what the agent reports into it', async () => {
    const registry = new Registry();
    const m = agentMetrics(registry, {
      admission: new Admission(['m'], 1),
      outbox: { depth: 0, diskFull: false, capacity: 100 },
      controlEndpoints: 1,
    });
    m.infer('ok');
    m.infer('ok');
    m.hookError('nvidia-smi', 'HOOK_TIMEOUT');
    m.badMessage('too_large');
    m.clockSkew(-120);
    m.streamsUp(1);
    expect(await value(registry, 'edgefleet_agent_infer_total', { outcome: 'ok' })).toBe(2);
    expect(
      await value(registry, 'edgefleet_agent_hook_errors_total', {
        hook: 'nvidia-smi',
        code: 'HOOK_TIMEOUT',
      }),
    ).toBe(1);
    expect(await value(registry, 'edgefleet_agent_bad_messages_total', { kind: 'too_large' })).toBe(
      1,
    );
    expect(await value(registry, 'edgefleet_agent_clock_skew_seconds')).toBe(-0.12);
    expect(await value(registry, 'edgefleet_agent_control_streams_up')).toBe(1);
  });

  it('shows a full disk under the outbox as edgefleet_agent_outbox_disk_full 1 while it lasts', async () => {
    const registry = new Registry();
    const outbox = { depth: 3, diskFull: true, capacity: 100 };
    agentMetrics(registry, { admission: new Admission(['m'], 1), outbox, controlEndpoints: 1 });
    expect(await value(registry, 'edgefleet_agent_outbox_disk_full')).toBe(1);
    outbox.diskFull = false;
    expect(await value(registry, 'edgefleet_agent_outbox_disk_full')).toBe(0);
  });
});
