import { describeError, type Logger } from '@edgefleet/common';
import type { CoordinatorConfig } from '../config.js';
import type { Db } from '../db/index.js';
import type { LocalSlices } from '../ledger/slices.js';
import type { ShutdownRegistry } from '../shutdown.js';
import { ReservationService, type CapacitySite } from './reservations.js';

/**
 * The reservation service the configuration describes (market.reservations), with its tick running:
 * every tickMs, ended windows settle and the reservations active now are re-read for the Acquire
 * path's guarantee (other replicas book too). A failed tick is logged and tried again at the next;
 * the timer never holds the process open and stops at shutdown.
 */
export async function startReservations(
  c: CoordinatorConfig['market']['reservations'],
  d: {
    db: Db;
    sites: () => Iterable<CapacitySite>;
    log: Logger;
    shutdown: ShutdownRegistry;
    slices?: LocalSlices | undefined;
  },
): Promise<ReservationService> {
  const reservations = new ReservationService({
    db: d.db,
    sites: d.sites,
    ...(d.slices ? { slices: d.slices } : {}),
    settings: {
      oversubscription: c.oversubscription,
      microTokensPerSlotHour: c.microTokensPerSlotHour,
      cancelFeeBps: c.cancelFeeBps,
      maxWindowMs: c.maxWindowH * 3_600_000,
      maxLeadMs: c.maxLeadH * 3_600_000,
    },
  });
  await reservations.refreshActive();
  const tick = setInterval(() => {
    reservations
      .tick()
      .catch((err: unknown) =>
        d.log.warn({ err: describeError(err) }, 'reservation settlement failed; retried next tick'),
      );
  }, c.tickMs);
  tick.unref();
  d.shutdown.add(() => clearInterval(tick));
  return reservations;
}
