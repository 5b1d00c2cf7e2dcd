import { describe, expect, it } from 'vitest';
import { coordinatorConfigSchema } from '../config.js';
import { routingSettings } from './routing-settings.js';

describe('routingSettings', () => {
  it('builds the PoP, cell and tracking-area tables from the configuration, and a context with the hour now', () => {
    const config = coordinatorConfigSchema.parse({
      dataDir: '/tmp/unused',
      routing: {
        pops: [{ id: 'fra', lat: 50.1, lon: 8.7 }],
        cells: [{ cellId: '262-01-1234', popId: 'fra' }],
        trackingAreas: [{ trackingArea: 'ta-9', popId: 'fra' }],
      },
    });
    const s = routingSettings(config.routing);
    expect(s.attachment.cells.get('262-01-1234')).toBe('fra');
    expect(s.attachment.trackingAreas.get('ta-9')).toBe('fra');
    expect(s.indexRefreshMs).toBe(config.routing.indexRefreshMs);
    const ctx = s.routing(3);
    expect(ctx.pops.get('fra')).toEqual({ lat: 50.1, lon: 8.7 });
    expect(ctx.weights).toEqual(config.routing.weights);
    expect(ctx.hourUtc).toBeGreaterThanOrEqual(0);
    expect(ctx.hourUtc).toBeLessThan(24);
    expect(ctx.random).toBe(Math.random);
  });
});
