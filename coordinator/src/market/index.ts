export { canHonour, type ReservationSpan, type CalendarAnswer } from './capacity-calendar.js';
export { FairQueue, type FairQueueOptions, type QueuedEntry, type Expired } from './fair-queue.js';
export {
  CURRENCY_EXPONENT,
  costOf,
  formatMoney,
  microTokensFor,
  toMinor,
  type Currency,
  type TokenPrice,
} from './money.js';
export { fleetPrices, type PriceView } from './fleet-prices.js';
export { sitePriceFrom } from './site-price.js';
export { DEFAULT_SPOT_POLICY, spotPrice, type SpotInputs, type SpotPolicy } from './spot-price.js';
export {
  InvalidReservationError,
  MoneyError,
  QueueAbandonedError,
  QueueClosedError,
  QueueFullError,
  QueueTimeoutError,
  ReservationClosedError,
  ReservationNotFoundError,
  ReservationOverbookedError,
} from './errors.js';
export {
  reservationStore,
  type Reservation,
  type ReservationClass,
  type ReservationStatus,
} from './reservation-store.js';
export {
  ReservationService,
  DEFAULT_RESERVATION_SETTINGS,
  reservationPrice,
  cancellationSplit,
  type BookRequest,
  type CapacitySite,
  type ReservationSettings,
} from './reservations.js';
export {
  pickVictim,
  preemptorOf,
  isReserved,
  type PreemptionSettings,
  type PreemptReason,
  type Preemptor,
  type RunningLease,
} from './preemption.js';
