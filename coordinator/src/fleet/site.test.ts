import { describe, expect, it } from 'vitest';
import { deriveState, newSite, priceAt } from './site.js';

const L = { telemetryStaleMs: 5000, offlineAfterMs: 15000 };

describe('deriveState', () => {
  const base = () => ({ ...newSite({ siteId: 's1' }), mqttUp: true, streamUp: true, statusState: 'online' as const, lastTelemetryMs: 10_000, lastSeenMs: 10_000 });

  it('is online with all three signals', () => {
    expect(deriveState(base(), 11_000, L)).toBe('online');
  });
  it('is offline at once when both links drop (killed agent)', () => {
    expect(deriveState({ ...base(), mqttUp: false, streamUp: false }, 10_001, L)).toBe('offline');
  });
  it('is offline when the last will says so and the stream is gone', () => {
    expect(deriveState({ ...base(), statusState: 'offline', streamUp: false }, 10_001, L)).toBe('offline');
  });
  it('is degraded with one signal missing or stale telemetry', () => {
    expect(deriveState({ ...base(), streamUp: false }, 10_001, L)).toBe('degraded');
    expect(deriveState({ ...base(), mqttUp: false }, 10_001, L)).toBe('degraded');
    expect(deriveState(base(), 16_000, L)).toBe('degraded');
  });
  it('is draining when the agent says so', () => {
    expect(deriveState({ ...base(), statusState: 'draining' }, 10_001, L)).toBe('draining');
  });
  it('is unknown before any signal', () => {
    expect(deriveState(newSite({ siteId: 's1' }), 1, L)).toBe('unknown');
  });
});

describe('priceAt', () => {
  const tariff = [
    { startHour: 22, endHour: 6, pricePerKwh: 0.1 },
    { startHour: 6, endHour: 18, pricePerKwh: 0.3 },
    { startHour: 18, endHour: 22, pricePerKwh: 0.5 },
  ];
  it('finds the window, including one that wraps midnight', () => {
    expect(priceAt(tariff, 23)).toBe(0.1);
    expect(priceAt(tariff, 3)).toBe(0.1);
    expect(priceAt(tariff, 6)).toBe(0.3);
    expect(priceAt(tariff, 19)).toBe(0.5);
    expect(priceAt([], 5)).toBe(0);
  });
});
