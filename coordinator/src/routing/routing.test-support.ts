import { newSite, type Site } from '../fleet/site.js';
import type { RouteContext, RouteRequest } from './route.js';

/** An online Munich site with four free H100 slots serving "llama" (tests only). */
export function testSite(id: string, o: Partial<Site> = {}): Site {
  return {
    ...newSite({
      siteId: id,
      lat: 48.1,
      lon: 11.6,
      tariff: [{ startHour: 0, endHour: 24, pricePerKwh: 0.2 }],
    }),
    state: 'online',
    streamUp: true,
    mqttUp: true,
    models: ['llama'],
    slotsTotal: 4,
    slotsFree: 4,
    profileIds: ['h100-80gb', 'nvidia'],
    isolations: ['whole'],
    sitePowerW: 2800,
    ...o,
  };
}

export const testPops = new Map([
  ['pop-muc', { lat: 48.14, lon: 11.58 }],
  ['pop-ber', { lat: 52.52, lon: 13.4 }],
  ['pop-mad', { lat: 40.42, lon: -3.7 }],
]);

export const testCtx = (o: Partial<RouteContext> = {}): RouteContext => ({
  pops: testPops,
  weights: { rtt: 1, cost: 0.35, load: 0.5, errors: 1 },
  nearBestFraction: 0,
  geoPathFactor: 1.6,
  hourUtc: 12,
  random: () => 0,
  keep: 8,
  ...o,
});

export const testReq = (o: Partial<RouteRequest> = {}): RouteRequest => ({
  model: 'llama',
  location: { popId: 'pop-muc' },
  maxRttMs: 10,
  domesticOnly: false,
  acceleratorKinds: [],
  isolation: '',
  ...o,
});
