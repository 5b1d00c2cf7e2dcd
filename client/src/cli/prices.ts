import { UsageError } from './args.js';
import type { Ctx } from './context.js';
import { table } from './format.js';
import { api } from './rest.js';

/** `edgefleet prices [--by region|site] [--region R]`: the spot price of a token now. */
export async function pricesSpot(c: Ctx): Promise<void> {
  const by = c.flags.by ?? 'region';
  if (by !== 'region' && by !== 'site')
    throw new UsageError(`--by must be region or site (got "${by}")`);
  const r = (await api(c).call('getSpotPrices', {
    query: { by, region: c.flags.region },
  })) as { currency: string; items: Record<string, unknown>[] };
  if (c.flags.json) {
    c.io.out(JSON.stringify(r, null, 2));
    return;
  }
  c.io.out(
    r.items.length === 0
      ? `no ${by === 'site' ? 'site' : 'region'} sells now (no site online)`
      : table(
          r.items.map((p) => ({
            ...p,
            [by]: p['key'],
            price: p['formatted'],
            free: `${String(p['slotsFree'])}/${String(p['slotsTotal'])}`,
            utilization: `${Math.round(Number(p['utilization']) * 100)} %`,
            energy: p['energyKnown'] ? 'priced' : 'unknown',
          })),
          [by, 'price', 'sites', 'free', 'utilization', 'energy'],
        ),
  );
}
