import { describe, expect, it } from 'vitest';
import { ACQUIRE_QUEUE_OUTCOMES, createCoordinatorMetrics } from './metrics.js';

describe('coordinator metrics read at scrape', () => {
  it('exports each site’s telemetry age (none before its first telemetry) and every queue outcome from 0', async () => {
    const m = createCoordinatorMetrics();
    const now = Date.now();
    m.bindSources({
      sites: () => [
        { siteId: 'site-a', region: 'eu', state: 'online', lastTelemetryMs: now - 42_000 },
        { siteId: 'site-b', region: 'us', state: 'unknown', lastTelemetryMs: 0 },
      ],
      liveHolds: () => 0,
      edgeControlStreams: () => 0,
    });
    const text = await m.registry.metrics();
    const age = /edgefleet_site_telemetry_age_seconds\{site="site-a",region="eu"\} ([\d.]+)/.exec(
      text,
    );
    expect(Number(age?.[1])).toBeGreaterThanOrEqual(42);
    expect(text).not.toMatch(/edgefleet_site_telemetry_age_seconds\{site="site-b"/);
    for (const outcome of ACQUIRE_QUEUE_OUTCOMES)
      expect(text).toContain(`edgefleet_acquire_queue_outcomes_total{outcome="${outcome}"} 0`);
  });
});
