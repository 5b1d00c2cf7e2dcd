import { profileById } from '@edgefleet/firmware-hooks';
import type { Site } from '../fleet/site.js';

/** What an agent's admission names of the slot it took (OfferReply). */
export interface AdmittedSlot {
  accelerator_serial?: string | null;
}

// The table's flagged fallback figure: the rate bound of a slot whose card the coordinator cannot
// price (it went unknown between routing and admission) is the most conservative one there is.
const UNKNOWN_BOUND = profileById('unknown')?.multiplier ?? 0.1;

/**
 * The per-lease rate bound (burn ≤ duration × slotFraction × multiplier): the multiplier of the
 * profile the coordinator resolved for the answered accelerator, else the site's fastest resolved
 * card (an accelerator the registry does not list), never the agent's own figure. The slot
 * fraction is the agent's slot count for a whole card or time-slice share; a MIG instance is
 * bounded as its whole card (instances differ: 3g + 2g + 1g + 1g, so 1/instances would dispute an
 * honest 3g burn).
 */
export function leaseBound(
  site: Pick<Site, 'accelerators' | 'hardware' | 'multiplier'>,
  reply: AdmittedSlot,
): { slotFraction: number; multiplier: number } {
  const serial = reply.accelerator_serial ?? '';
  const acc = site.accelerators.find((a) => a.serial === serial);
  const card = site.hardware.find((h) => h.serial === serial)?.card;
  const multiplier =
    card?.kind === 'known'
      ? card.multiplier
      : site.multiplier > 0
        ? site.multiplier
        : UNKNOWN_BOUND;
  const slotFraction = acc?.slots_total && acc.isolation !== 'mig' ? 1 / acc.slots_total : 1;
  return { slotFraction, multiplier };
}
