import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@edgefleet/common';
import { pb } from '@edgefleet/proto';
import { coordinatorConfigSchema } from '../config.js';
import { startCoordinator, type Coordinator } from '../coordinator.js';
import type { Role } from './auth.js';

const TOKENS: Record<Role, string> = {
  viewer: 'viewer-token-0123456789abcdef',
  installer: 'installer-token-0123456789abcd',
  operator: 'operator-token-0123456789abcde',
  admin: 'admin-token-0123456789abcdefgh',
};

/** Brings a site online in the registry through the same calls ingest and EdgeControl make. */
function bringOnline(
  c: Coordinator,
  siteId: string,
  o: { lat: number; lon: number; rtt: Record<string, number>; slots: number },
) {
  c.registry.applyStatus(
    new pb.SiteStatus({
      site_id: siteId,
      inference_endpoint: `127.0.0.1:1`,
      lat: o.lat,
      lon: o.lon,
    }),
    'online',
  );
  c.registry.setStream(siteId, true, {
    endpoint: '127.0.0.1:1',
    models: ['llama'],
    slotsTotal: o.slots,
    slotsFree: o.slots,
  });
  applySiteTelemetry(c, siteId, { slots: o.slots, free: o.slots, rtt: o.rtt });
}

/** One telemetry report of a site (one H100 with `slots`, `free` of them free), as ingest applies it. */
export function applySiteTelemetry(
  c: Coordinator,
  siteId: string,
  o: { slots: number; free: number; rtt: Record<string, number> },
): void {
  c.registry.applyTelemetry(
    new pb.Telemetry({
      site_id: siteId,
      models: ['llama'],
      site_power_w: 1400,
      accelerators: [
        {
          model: 'NVIDIA H100 80GB HBM3',
          profile_id: 'h100-80gb-sxm',
          vendor: 'nvidia',
          slots_total: o.slots,
          slots_free: o.free,
          multiplier: 1,
          isolation: 'whole',
        },
      ],
      rtt: Object.entries(o.rtt).map(([pop_id, rtt_ms]) => ({ pop_id, rtt_ms })),
    }),
  );
}

export interface TwoSites {
  c: Coordinator;
  call(
    method: string,
    path: string,
    role?: Role,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The site 1.5 ms from pop-muc, its secret, and the one 4 ms away. */
  near: string;
  secretNear: string;
  far: string;
}

/** A real coordinator (embedded broker, one PoP and one cell) with two enrolled sites online near pop-muc. */
export async function startTwoSiteCoordinator(): Promise<TwoSites> {
  const config = coordinatorConfigSchema.parse({
    dataDir: mkdtempSync(join(tmpdir(), 'ef-routing-')),
    http: { port: 0 },
    grpc: { port: 0 },
    mqtt: { port: 0 },
    reconcile: { enabled: false },
    auth: {
      tokens: (Object.entries(TOKENS) as [Role, string][]).map(([role, token]) => ({
        token,
        role,
      })),
    },
    liveness: { telemetryStaleMs: 60_000, offlineAfterMs: 120_000 },
    routing: {
      pops: [{ id: 'pop-muc', lat: 48.14, lon: 11.58 }],
      cells: [{ cellId: '262-01-0001a2b3c', popId: 'pop-muc' }],
    },
  });
  const c = await startCoordinator(config, { log: createLogger('test', 'error') });
  const call: TwoSites['call'] = async (method, path, role, body) => {
    const res = await fetch(c.httpUrl + path, {
      method,
      headers: {
        ...(role ? { authorization: `Bearer ${TOKENS[role]}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const codes = await call('POST', '/api/v1/enrollment-codes', 'installer', { count: 2 });
  const enroll = async (code: string, name: string, lat: number, lon: number) =>
    (
      await call('POST', '/api/v1/enroll', undefined, {
        code,
        name,
        lat,
        lon,
        tariff: [{ startHour: 0, endHour: 24, pricePerKwh: 0.2 }],
      })
    ).body;
  const a = await enroll(codes.body.codes[0].code, 'near', 48.15, 11.6);
  const b = await enroll(codes.body.codes[1].code, 'far', 48.3, 11.9);
  bringOnline(c, a.siteId, { lat: 48.15, lon: 11.6, rtt: { 'pop-muc': 1.5 }, slots: 2 });
  bringOnline(c, b.siteId, { lat: 48.3, lon: 11.9, rtt: { 'pop-muc': 4 }, slots: 2 });
  return { c, call, near: a.siteId, secretNear: a.secret, far: b.siteId };
}
