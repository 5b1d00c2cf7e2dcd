import { describe, expect, it, vi } from 'vitest';
import { pb, type edgefleet } from '@edgefleet/proto';
import { followPrices } from './watch-prices.js';

describe('followPrices', () => {
  it("sends each of the hold's sites' price at once, then only what changed, and stops", () => {
    vi.useFakeTimers();
    try {
      const prices = new Map<string, number | undefined>([
        ['a', 150],
        ['b', 210],
      ]);
      let sites = ['a', 'b', 'a'];
      const sent: edgefleet.v1.LeaseEvent[] = [];
      const stop = followPrices('h-1', {
        sitesOf: () => sites,
        priceOf: (id) => {
          const p = prices.get(id);
          return p === undefined ? undefined : { minorPerToken: p, currency: 'EUR' };
        },
        send: (e) => sent.push(e),
        intervalMs: 1000,
        now: () => 42,
      });
      const seen = () =>
        sent.map((e) => [
          e.kind,
          e.hold_id,
          e.site_id,
          Number(e.price_minor_per_token),
          e.currency,
        ]);
      const PRICE = pb.LeaseEvent.Kind.KIND_PRICE;
      expect(seen()).toEqual([
        [PRICE, 'h-1', 'a', 150, 'EUR'],
        [PRICE, 'h-1', 'b', 210, 'EUR'],
      ]);
      vi.advanceTimersByTime(1000); // nothing changed
      expect(sent).toHaveLength(2);
      prices.set('b', 260);
      prices.set('a', undefined); // a stopped selling: nothing about it
      sites = ['a', 'b', 'c'];
      prices.set('c', 90);
      vi.advanceTimersByTime(1000);
      expect(seen().slice(2)).toEqual([
        [PRICE, 'h-1', 'b', 260, 'EUR'],
        [PRICE, 'h-1', 'c', 90, 'EUR'],
      ]);
      stop();
      prices.set('c', 95);
      vi.advanceTimersByTime(5000);
      expect(sent).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
