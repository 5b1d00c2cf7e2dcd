import { pb, type edgefleet } from '@edgefleet/proto';
import { InvalidRequestError } from './errors.js';
import type { AcquireOptions, LocationSpec } from './types.js';

const ISOLATIONS = new Set(['', 'whole', 'mig', 'timeslice']);

function fail(message: string, field: string): never {
  throw new InvalidRequestError(`acquire: ${message}`, { field });
}

function location(loc: LocationSpec | undefined): edgefleet.v1.Location {
  if (!loc || typeof loc !== 'object')
    fail(
      'location is required ({ popId } | { cellId } | { trackingArea } | { lat, lon })',
      'location',
    );
  if ('popId' in loc && loc.popId) return new pb.Location({ pop_id: loc.popId });
  if ('cellId' in loc && loc.cellId) return new pb.Location({ cell_id: loc.cellId });
  if ('trackingArea' in loc && loc.trackingArea)
    return new pb.Location({ tracking_area: loc.trackingArea });
  if ('lat' in loc && 'lon' in loc) {
    if (!(Number.isFinite(loc.lat) && Math.abs(loc.lat) <= 90))
      fail(`lat must be within [-90, 90] (got ${loc.lat})`, 'location.lat');
    if (!(Number.isFinite(loc.lon) && Math.abs(loc.lon) <= 180))
      fail(`lon must be within [-180, 180] (got ${loc.lon})`, 'location.lon');
    return new pb.Location({ has_coordinates: true, lat: loc.lat, lon: loc.lon, ...motion(loc) });
  }
  return fail('location needs a popId, cellId, trackingArea, or lat and lon', 'location');
}

const MAX_SPEED_MPS = 400;

/** Velocity fields of a lat/lon location: both speed and heading, or neither. */
function motion(loc: {
  speedMps?: number | undefined;
  headingDeg?: number | undefined;
}): Partial<edgefleet.v1.Location.$Properties> {
  const { speedMps, headingDeg } = loc;
  if (speedMps === undefined && headingDeg === undefined) return {};
  if (speedMps === undefined || headingDeg === undefined)
    fail('speedMps and headingDeg go together (a moving caller sends both)', 'location.speedMps');
  if (!(Number.isFinite(speedMps) && speedMps >= 0 && speedMps < MAX_SPEED_MPS))
    fail(
      `speedMps must be within [0, ${MAX_SPEED_MPS}) m/s (got ${speedMps})`,
      'location.speedMps',
    );
  if (!Number.isFinite(headingDeg))
    fail(
      `headingDeg must be a finite number of degrees (got ${headingDeg})`,
      'location.headingDeg',
    );
  // 0 = north, 90 = east; normalized to [0, 360).
  return { has_velocity: true, speed_mps: speedMps, heading_deg: ((headingDeg % 360) + 360) % 360 };
}

/** Validates acquire options locally (a clear error before any network) and builds the request. */
export function buildAcquireRequest(
  customerId: string,
  o: AcquireOptions,
): edgefleet.v1.AcquireRequest {
  if (!customerId) fail('customerId is required', 'customerId');
  if (!o.model) fail('model is required', 'model');
  if (!(Number.isSafeInteger(o.budgetMicroTokens) && o.budgetMicroTokens > 0)) {
    fail(
      `budgetMicroTokens must be a positive integer µT (got ${o.budgetMicroTokens})`,
      'budgetMicroTokens',
    );
  }
  const hedges = o.hedges ?? 0;
  if (!(Number.isInteger(hedges) && hedges >= 0 && hedges <= 3))
    fail(`hedges must be an integer in 0..3 (got ${hedges})`, 'hedges');
  const maxRtt = o.maxRttMs ?? 0;
  if (!(Number.isFinite(maxRtt) && maxRtt >= 0))
    fail(`maxRttMs must be >= 0 (got ${maxRtt})`, 'maxRttMs');
  const ttl = o.ttlS ?? 0;
  if (!(Number.isInteger(ttl) && ttl >= 0 && ttl <= 0xffffffff))
    fail(`ttlS must be a non-negative integer (got ${ttl})`, 'ttlS');
  const priority = o.priority ?? 0;
  if (!(Number.isInteger(priority) && priority >= 0 && priority <= 9))
    fail(`priority must be an integer in 0..9 (got ${priority})`, 'priority');
  const maxQueue = o.maxQueueMs ?? 0;
  if (!(Number.isInteger(maxQueue) && maxQueue >= 0 && maxQueue <= 0xffffffff))
    fail(`maxQueueMs must be a non-negative integer (got ${maxQueue})`, 'maxQueueMs');
  const isolation = o.isolation ?? '';
  if (!ISOLATIONS.has(isolation))
    fail(`isolation must be one of whole, mig, timeslice (got ${isolation})`, 'isolation');
  return new pb.AcquireRequest({
    customer_id: customerId,
    model: o.model,
    location: location(o.location),
    max_rtt_ms: maxRtt,
    budget_micro_tokens: o.budgetMicroTokens,
    hedges,
    domestic_only: o.domesticOnly ?? false,
    accelerator_kinds: o.acceleratorKinds ?? [],
    isolation,
    ttl_s: ttl,
    explain: o.explain ?? false,
    priority,
    max_queue_ms: maxQueue,
  });
}
