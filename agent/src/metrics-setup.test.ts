import { describe, expect, it } from 'vitest';
import { Admission } from './admission.js';
import { NO_METRICS, setUpMetrics } from './metrics-setup.js';

const src = {
  admission: new Admission(['m'], 1),
  outbox: { depth: 0, diskFull: false, capacity: 10 },
  controlEndpoints: 1,
};

describe('setUpMetrics', () => {
  it('gives no registry and no-op reports when /metrics is off, the agent metrics when on', async () => {
    const off = await setUpMetrics(false, src);
    expect(off.registry).toBeUndefined();
    expect(off.metrics).toBe(NO_METRICS);
    expect(() => off.metrics.infer('ok')).not.toThrow();

    const on = await setUpMetrics(true, src);
    on.metrics.infer('ok');
    const text = await on.registry?.getSingleMetricAsString('edgefleet_agent_infer_total');
    expect(text).toContain('outcome="ok"} 1');
  });
});
