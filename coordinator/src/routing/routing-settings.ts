import type { CoordinatorConfig } from '../config.js';
import type { AttachmentTables } from './attachment.js';
import type { RouteContext } from './route.js';

/**
 * What routing reads from the configuration: the context of each decision (PoPs, weights, the hour
 * now for tariffs, a fresh random draw for the power-of-two pick), the cell and tracking-area tables,
 * and how old a candidate list may get.
 */
export function routingSettings(c: CoordinatorConfig['routing']): {
  routing: (keep: number) => Omit<RouteContext, 'keep'>;
  attachment: AttachmentTables;
  indexRefreshMs: number;
} {
  const pops = new Map(c.pops.map((p) => [p.id, { lat: p.lat, lon: p.lon }]));
  return {
    routing: () => ({
      pops,
      weights: c.weights,
      nearBestFraction: c.nearBestFraction,
      geoPathFactor: c.geoPathFactor,
      hourUtc: Math.floor(Date.now() / 3_600_000) % 24, // getUTCHours without a Date per Acquire
      random: Math.random,
      reserve: c.reserve,
      lookaheadS: c.lookaheadS,
    }),
    attachment: {
      cells: new Map(c.cells.map((x) => [x.cellId, x.popId])),
      trackingAreas: new Map(c.trackingAreas.map((t) => [t.trackingArea, t.popId])),
    },
    indexRefreshMs: c.indexRefreshMs,
  };
}
