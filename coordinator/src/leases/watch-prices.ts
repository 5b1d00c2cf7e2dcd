import { pb, type edgefleet } from '@edgefleet/proto';

/** A site's spot price now; undefined when the site sells nothing (offline, degraded, no slots). */
export type SitePrice = (siteId: string) => { minorPerToken: number; currency: string } | undefined;

/**
 * Spot prices on a hold's Watch stream (issue #16 item 4): when the watch starts, the price of each
 * site the hold has a lease on; then, every `intervalMs`, each one that changed (a site newly in
 * the hold counts as changed). A site that stops selling sends nothing until it sells again.
 * Returns the function that stops it.
 */
export function followPrices(
  holdId: string,
  d: {
    /** The sites of the hold's leases now. */
    sitesOf: (holdId: string) => readonly string[];
    priceOf: SitePrice;
    send: (e: edgefleet.v1.LeaseEvent) => void;
    intervalMs: number;
    now?: () => number;
  },
): () => void {
  const now = d.now ?? Date.now;
  const sent = new Map<string, string>();
  const check = () => {
    for (const siteId of new Set(d.sitesOf(holdId))) {
      const p = d.priceOf(siteId);
      if (!p) continue;
      const key = `${p.minorPerToken} ${p.currency}`;
      if (sent.get(siteId) === key) continue;
      sent.set(siteId, key);
      d.send(
        new pb.LeaseEvent({
          kind: pb.LeaseEvent.Kind.KIND_PRICE,
          hold_id: holdId,
          site_id: siteId,
          price_minor_per_token: p.minorPerToken,
          currency: p.currency,
          ts_ms: now(),
        }),
      );
    }
  };
  check();
  if (d.intervalMs <= 0) return () => undefined;
  const timer = setInterval(check, d.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
