import { describe, expect, it } from 'vitest';
import { deriveLiveness, deriveState, newSite, priceAt, sameTariff } from './site.js';

const L = { telemetryStaleMs: 5000, offlineAfterMs: 15000 };

describe('deriveState', () => {
  const base = () => ({
    ...newSite({ siteId: 's1' }),
    mqttUp: true,
    streamUp: true,
    statusState: 'online' as const,
    lastTelemetryMs: 10_000,
    lastSeenMs: 10_000,
  });

  it('is online with all three signals', () => {
    expect(deriveState(base(), 11_000, L)).toBe('online');
  });
  it('is offline at once when both links drop (killed agent)', () => {
    expect(deriveState({ ...base(), mqttUp: false, streamUp: false }, 10_001, L)).toBe('offline');
  });
  it('is offline when the last will says so and the stream is gone', () => {
    expect(deriveState({ ...base(), statusState: 'offline', streamUp: false }, 10_001, L)).toBe(
      'offline',
    );
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

describe('deriveLiveness: link lost vs site failed', () => {
  const W = { ...L, autonomyWindowMs: 30_000 };
  const base = () => ({
    ...newSite({ siteId: 's1' }),
    mqttUp: true,
    streamUp: true,
    statusState: 'online' as const,
    lastTelemetryMs: 10_000,
    lastSeenMs: 10_000,
    mqttChangedMs: 1000,
    streamChangedMs: 1000,
  });

  it('names the lost link and stays degraded within the autonomy window', () => {
    expect(
      deriveLiveness(
        { ...base(), mqttUp: false, statusState: 'offline', mqttChangedMs: 10_000 },
        12_000,
        W,
      ),
    ).toEqual({ state: 'degraded', reason: 'mqtt_lost' });
    expect(
      deriveLiveness({ ...base(), streamUp: false, streamChangedMs: 10_000 }, 12_000, W),
    ).toEqual({ state: 'degraded', reason: 'stream_lost' });
  });
  it('takes a link-lost site offline once the autonomy window has passed', () => {
    const lost = {
      ...base(),
      mqttUp: false,
      mqttChangedMs: 10_000,
      lastSeenMs: 39_000,
      lastTelemetryMs: 10_000,
    };
    expect(deriveLiveness(lost, 40_000, W).state).toBe('degraded');
    expect(deriveLiveness(lost, 40_001, W)).toEqual({
      state: 'offline',
      reason: 'link_lost_expired',
    });
  });
  it('calls both links down a site failure, offline at once', () => {
    expect(
      deriveLiveness(
        {
          ...base(),
          mqttUp: false,
          streamUp: false,
          mqttChangedMs: 10_000,
          streamChangedMs: 10_000,
        },
        10_001,
        W,
      ),
    ).toEqual({ state: 'offline', reason: 'site_failed' });
  });
  it('reports stale telemetry and a healthy site', () => {
    expect(deriveLiveness(base(), 16_000, W)).toEqual({
      state: 'degraded',
      reason: 'telemetry_stale',
    });
    expect(deriveLiveness(base(), 11_000, W)).toEqual({ state: 'online', reason: 'ok' });
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

describe('sameTariff', () => {
  it('compares windows by value and order, not by key order', () => {
    const a = [
      { startHour: 0, endHour: 7, pricePerKwh: 0.1 },
      { startHour: 7, endHour: 24, pricePerKwh: 0.3 },
    ];
    const reordered = a.map((w) => ({
      pricePerKwh: w.pricePerKwh,
      endHour: w.endHour,
      startHour: w.startHour,
    }));
    expect(sameTariff(a, reordered)).toBe(true);
    expect(sameTariff(a, [...a].reverse())).toBe(false);
    expect(sameTariff(a, a.slice(0, 1))).toBe(false);
    expect(
      sameTariff(a, [a[0] as (typeof a)[number], { startHour: 7, endHour: 24, pricePerKwh: 0.31 }]),
    ).toBe(false);
    expect(sameTariff([], [])).toBe(true);
  });
});
