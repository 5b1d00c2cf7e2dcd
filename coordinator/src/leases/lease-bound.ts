import { profileById } from '@edgefleet/firmware-hooks';
import type { Site } from '../fleet/site.js';

/** What an agent's admission names of the slot it took (OfferReply). */
export interface AdmittedSlot {
  accelerator_serial?: string | null;
  /** The agent's slot id, "<device index>/<slot number>". */
  slot?: string | null;
  mig_instance_uuid?: string | null;
}

// The table's flagged fallback figure: the rate bound of a slot whose card the coordinator cannot
// price (it went unknown between routing and admission) is the most conservative one there is.
const UNKNOWN_BOUND = profileById('unknown')?.multiplier ?? 0.1;

/** The slot number of an agent slot id ("0/3" → 3); undefined when it carries none. */
function slotNumber(slot: string): number | undefined {
  const m = /\/(\d+)$/.exec(slot);
  return m ? Number(m[1]) : undefined;
}

/**
 * The per-lease rate bound (burn ≤ duration × slotFraction × multiplier), from the coordinator's
 * own resolution, never from the agent's figures. The multiplier is that of the profile resolved
 * for the answered accelerator, else the site's fastest resolved card. The fraction of a MIG
 * instance is its compute slices of the parent (1g of 7 = 1/7, 3g = 3/7), read from the instance's
 * profile name, found by its UUID (or its slot number where the tool prints no UUID); an instance
 * the coordinator cannot size is bounded as its whole card. A whole card or time-slice share is
 * 1 / the agent's slot count for it.
 */
export function leaseBound(
  site: Pick<Site, 'accelerators' | 'hardware' | 'multiplier'>,
  reply: AdmittedSlot,
): { slotFraction: number; multiplier: number; migInstanceUuid: string } {
  const serial = reply.accelerator_serial ?? '';
  const acc = site.accelerators.find((a) => a.serial === serial);
  const hw = site.hardware.find((h) => h.serial === serial);
  const card = hw?.card;
  const multiplier =
    card?.kind === 'known'
      ? card.multiplier
      : site.multiplier > 0
        ? site.multiplier
        : UNKNOWN_BOUND;
  if (acc?.isolation !== 'mig')
    return {
      slotFraction: acc?.slots_total ? 1 / acc.slots_total : 1,
      multiplier,
      migInstanceUuid: '',
    };
  const uuid = reply.mig_instance_uuid ?? '';
  const n = slotNumber(reply.slot ?? '');
  const instance = uuid
    ? hw?.mig.find((m) => m.uuid === uuid)
    : n === undefined
      ? undefined
      : hw?.mig[n];
  const sized = instance?.resolution?.kind === 'known' ? instance.resolution : undefined;
  return {
    slotFraction: sized ? sized.fraction : 1,
    multiplier: sized ? sized.multiplier : multiplier,
    migInstanceUuid: instance?.uuid ?? uuid,
  };
}
