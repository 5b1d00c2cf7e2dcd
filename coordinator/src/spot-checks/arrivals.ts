import type { Site } from '../fleet/site.js';

/** A site a canary may go to now: routable as far as this replica knows, and serving a checked model. */
export function checkable(s: Site, models: ReadonlySet<string>): string[] {
  if (s.state !== 'online' || s.quarantined || s.unknownHardware.length > 0) return [];
  if (s.slotsFree - s.inflight <= 0) return [];
  return s.models.filter((m) => models.has(m));
}

/**
 * This tick's canaries: each checkable site gets one with probability perSiteHourly × tick ÷ 1 h
 * (Poisson arrivals thinned per tick, so a site cannot tell when the next comes), at most `room`,
 * each on one of its checked models drawn at random.
 */
export function drawArrivals(
  sites: Iterable<Site>,
  o: { models: ReadonlySet<string>; perSiteHourly: number; tickMs: number; room: number },
  random: () => number,
): { site: Site; model: string }[] {
  const p = Math.min(1, (o.perSiteHourly * o.tickMs) / 3_600_000);
  const out: { site: Site; model: string }[] = [];
  if (p <= 0) return out;
  for (const s of sites) {
    if (out.length >= o.room) break;
    const models = checkable(s, o.models);
    if (models.length === 0 || random() >= p) continue;
    out.push({
      site: s,
      model: models[Math.floor(random() * models.length)] ?? (models[0] as string),
    });
  }
  return out;
}
