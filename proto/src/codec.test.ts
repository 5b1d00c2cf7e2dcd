import { describe, expect, it } from 'vitest';
import { type BadMessageError, decodePayload, encodePayload } from './codec.js';
import { pb } from './messages.js';

describe('decodePayload', () => {
  it('accepts the same message as protobuf and as JSON', () => {
    const msg = new pb.Telemetry({
      site_id: 'site-a',
      ts_ms: 1_700_000_000_000,
      site_power_w: 812.5,
    });
    const fromPb = decodePayload(pb.Telemetry, encodePayload(pb.Telemetry, msg), 1024, 'telemetry');
    const fromJson = decodePayload(
      pb.Telemetry,
      Buffer.from(
        JSON.stringify({ site_id: 'site-a', ts_ms: 1_700_000_000_000, site_power_w: 812.5 }),
      ),
      1024,
      'telemetry',
    );
    expect(fromPb.ts_ms).toBe(1_700_000_000_000);
    expect(fromJson.site_id).toBe('site-a');
    expect(fromJson.site_power_w).toBe(812.5);
  });

  it('rejects oversized, malformed protobuf and malformed JSON with a reason', () => {
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as BadMessageError).reason;
      }
      return 'accepted';
    };
    expect(reason(() => decodePayload(pb.Telemetry, Buffer.alloc(2000), 1024, 't'))).toBe(
      'too_large',
    );
    expect(
      reason(() =>
        decodePayload(pb.Telemetry, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]), 1024, 't'),
      ),
    ).toBe('malformed');
    expect(reason(() => decodePayload(pb.Telemetry, Buffer.from('{"site_id": '), 1024, 't'))).toBe(
      'malformed',
    );
    expect(
      reason(() => decodePayload(pb.Telemetry, Buffer.from('{"accelerators": 5}'), 1024, 't')),
    ).toBe('malformed');
  });
});
