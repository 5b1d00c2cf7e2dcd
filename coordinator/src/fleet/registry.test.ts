import { describe, expect, it } from 'vitest';
import { pb } from '@edgefleet/proto';
import { FleetRegistry } from './registry.js';

describe('FleetRegistry liveness signals', () => {
  const setup = () => {
    let now = 1000;
    const reg = new FleetRegistry(
      { telemetryStaleMs: 5000, offlineAfterMs: 15_000, autonomyWindowMs: 10_000 },
      0.3,
      () => now,
    );
    reg.upsertEnrolled({ siteId: 's1' });
    reg.applyStatus(
      new pb.SiteStatus({ site_id: 's1', state: pb.SiteState.SITE_STATE_ONLINE }),
      'online',
    );
    reg.setStream('s1', true);
    reg.applyTelemetry(new pb.Telemetry({ site_id: 's1' }));
    return { reg, at: (t: number) => (now = t) };
  };

  it('tells a lost MQTT link (degraded, then offline after the autonomy window) from a failed site', () => {
    const { reg, at } = setup();
    expect(reg.get('s1')?.state).toBe('online');
    at(2000);
    reg.setMqtt('s1', false);
    expect(reg.get('s1')).toMatchObject({
      state: 'degraded',
      reason: 'mqtt_lost',
      mqttChangedMs: 2000,
    });
    at(12_001);
    reg.sweep();
    expect(reg.get('s1')).toMatchObject({ state: 'offline', reason: 'link_lost_expired' });
  });

  it('takes a site offline at once when both links drop', () => {
    const { reg, at } = setup();
    const changes: string[] = [];
    reg.on('state', (c) => changes.push(`${c.from}->${c.to}`));
    at(1500);
    reg.setStream('s1', false);
    expect(reg.get('s1')).toMatchObject({ state: 'degraded', reason: 'stream_lost' });
    reg.applyStatus(
      new pb.SiteStatus({ site_id: 's1', state: pb.SiteState.SITE_STATE_OFFLINE }),
      'offline',
    );
    expect(reg.get('s1')).toMatchObject({ state: 'offline', reason: 'site_failed' });
    expect(changes).toEqual(['online->degraded', 'degraded->offline']);
  });

  it('a hung agent (missed keepalive) is offline at once although MQTT still looks up; its next hello brings it back', () => {
    const { reg, at } = setup();
    const changes: string[] = [];
    reg.on('state', (c) => changes.push(`${c.from}->${c.to}`));
    at(1500);
    reg.markHung('s1');
    reg.setStream('s1', false);
    expect(reg.get('s1')).toMatchObject({ state: 'offline', reason: 'hung', mqttUp: true });
    at(1600);
    reg.setStream('s1', true);
    reg.applyTelemetry(new pb.Telemetry({ site_id: 's1' }));
    expect(reg.get('s1')).toMatchObject({ state: 'online', reason: 'ok', hung: false });
    expect(changes).toEqual(['online->offline', 'offline->online']);
  });

  it('keeps a small per-site tally of bad messages by reason', () => {
    const { reg } = setup();
    reg.noteBadMessage('s1', 'telemetry', 'invalid', 'utilization 140');
    reg.noteBadMessage('s1', 'telemetry', 'invalid', 'temperature NaN');
    reg.noteBadMessage('s1', 'status', 'malformed', 'not protobuf');
    reg.noteBadMessage('nope', 'status', 'malformed', 'unknown site is ignored');
    expect(reg.get('s1')?.badMessages).toEqual({
      total: 3,
      byReason: { invalid: 2, malformed: 1 },
      last: { kind: 'status', reason: 'malformed', message: 'not protobuf', atMs: 1000 },
    });
  });
});

describe('FleetRegistry slot counts', () => {
  it('takes the free-slot count from every agent report through one writer: hello, telemetry, offer reply, lease end', () => {
    const reg = new FleetRegistry({
      telemetryStaleMs: 5000,
      offlineAfterMs: 15_000,
      autonomyWindowMs: 10_000,
    });
    reg.upsertEnrolled({ siteId: 's1' });
    const slots = () => ({ free: reg.get('s1')?.slotsFree, total: reg.get('s1')?.slotsTotal });
    reg.setStream('s1', true, { endpoint: 'e:1', models: [], slotsTotal: 4, slotsFree: 3 });
    expect(slots()).toEqual({ free: 3, total: 4 });
    reg.applyTelemetry(
      new pb.Telemetry({
        site_id: 's1',
        accelerators: [
          { slots_total: 2, slots_free: 1 },
          { slots_total: 3, slots_free: 0 },
        ],
      }),
    );
    expect(slots()).toEqual({ free: 1, total: 5 });
    reg.noteSlots('s1', 0); // an offer reply or a lease end: the free count only
    expect(slots()).toEqual({ free: 0, total: 5 });
    // A later hello never shrinks what telemetry reported as the total; its free count wins.
    reg.setStream('s1', false);
    reg.setStream('s1', true, { endpoint: 'e:1', models: [], slotsTotal: 2, slotsFree: 2 });
    expect(slots()).toEqual({ free: 2, total: 5 });
    reg.noteSlots('unknown', 7);
    expect(reg.get('unknown')).toBeUndefined();
  });

  it("emits 'tariff' with the site id when an enrolled site's tariff is replaced, and not for other updates or new sites", () => {
    const reg = new FleetRegistry({
      telemetryStaleMs: 5000,
      offlineAfterMs: 15_000,
      autonomyWindowMs: 10_000,
    });
    const changed: string[] = [];
    reg.on('tariff', (id) => changed.push(id));
    const tariff = [{ startHour: 0, endHour: 24, pricePerKwh: 0.2 }];
    reg.upsertEnrolled({ siteId: 'new-site', tariff });
    reg.upsertEnrolled({ siteId: 'new-site', name: 'renamed' });
    reg.upsertEnrolled({ siteId: 'new-site', tariff }); // the same object: nothing to send
    expect(changed).toEqual([]);
    reg.upsertEnrolled({
      siteId: 'new-site',
      tariff: [{ startHour: 0, endHour: 24, pricePerKwh: 0.3 }],
    });
    expect(changed).toEqual(['new-site']);
  });
});
