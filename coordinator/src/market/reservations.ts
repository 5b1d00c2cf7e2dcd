import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/index.js';
import type { Site } from '../fleet/site.js';
import { closeEscrow, holdEscrow } from '../ledger/escrow.js';
import { DuplicateReferenceError } from '../ledger/errors.js';
import type { LocalSlices } from '../ledger/slices.js';
import { canHonour, type ReservationSpan } from './capacity-calendar.js';
import {
  InvalidReservationError,
  ReservationClosedError,
  ReservationNotFoundError,
  ReservationOverbookedError,
} from './errors.js';
import {
  reservationStore,
  type Reservation,
  type ReservationClass,
  type ReservationStatus,
} from './reservation-store.js';

/** Config `market.reservations` (docs/market.md "Reservations"). */
export interface ReservationSettings {
  /** Site capacity × this (floored) is what the calendar may sell; 1 = never overbooked. */
  oversubscription: number;
  /** The price of one slot for one hour, in µT (1,000,000 = one token). */
  microTokensPerSlotHour: number;
  /** Cancelled before its start: this share of the price (basis points, rounded up) is kept as a fee. */
  cancelFeeBps: number;
  /** The longest window one reservation may cover. */
  maxWindowMs: number;
  /** How far ahead a window may start. */
  maxLeadMs: number;
}

export const DEFAULT_RESERVATION_SETTINGS: ReservationSettings = {
  oversubscription: 1,
  microTokensPerSlotHour: 1_000_000,
  cancelFeeBps: 500,
  maxWindowMs: 31 * 86_400_000,
  maxLeadMs: 365 * 86_400_000,
};

/** What the calendar needs of a site: its class facts and its declared slots. */
export type CapacitySite = Pick<
  Site,
  'siteId' | 'region' | 'domesticOnly' | 'profileIds' | 'slotsTotal' | 'quarantined'
>;

export interface BookRequest {
  /** The customer's reference: a retry with the same ref and terms answers the first booking. */
  ref?: string;
  class: ReservationClass;
  slots: number;
  startMs: number;
  endMs: number;
}

const HOUR_MS = 3_600_000n;
const HOUR = 3_600_000;

/** slots × hours × µT per slot-hour, rounded up to the µT (exact in integers). */
export function reservationPrice(
  slots: number,
  startMs: number,
  endMs: number,
  microTokensPerSlotHour: number,
): number {
  const numerator = BigInt(slots) * BigInt(endMs - startMs) * BigInt(microTokensPerSlotHour);
  const price = (numerator + HOUR_MS - 1n) / HOUR_MS;
  if (price > BigInt(Number.MAX_SAFE_INTEGER))
    throw new InvalidReservationError('slots', 'the price exceeds what the ledger can hold');
  return Number(price);
}

/**
 * The refund rule: cancelled before its window starts, the customer gets the price back less a fee
 * of `feeBps` (rounded up); from its start on, nothing comes back (the slots were kept for them) and
 * the whole price is earned as at the window's end.
 */
export function cancellationSplit(
  price: number,
  startMs: number,
  nowMs: number,
  feeBps: number,
): { refund: number; fee: number; commit: number } {
  if (nowMs >= startMs) return { refund: 0, fee: 0, commit: price };
  const fee = Math.min(price, Number((BigInt(price) * BigInt(feeBps) + 9_999n) / 10_000n));
  return { refund: price - fee, fee, commit: 0 };
}

/** Does a site belong to a reservation class? (The routing filter's rules: routing/route.ts.) */
export function inClass(s: CapacitySite, c: ReservationClass): boolean {
  if (c.region && s.region !== c.region) return false;
  if (c.siteIds.length > 0 && !c.siteIds.includes(s.siteId)) return false;
  if (c.domesticOnly && !s.domesticOnly) return false;
  if (c.acceleratorKinds.length > 0 && !c.acceleratorKinds.some((k) => s.profileIds.includes(k)))
    return false;
  return true;
}

/**
 * The booked reservations that can compete with `candidate` for a slot: those linked to it by
 * shared sites, directly or through other bookings. The rest share no site with anything it could
 * use, so leaving them out changes no answer (and a broken booking elsewhere cannot refuse it).
 */
export function connectedBookings(
  candidate: readonly string[],
  booked: readonly Reservation[],
): Reservation[] {
  const sites = new Set(candidate);
  const left = new Set(booked);
  const out: Reservation[] = [];
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of left) {
      if (!r.siteIds.some((s) => sites.has(s))) continue;
      left.delete(r);
      out.push(r);
      for (const s of r.siteIds) sites.add(s);
      grew = true;
    }
  }
  return out;
}

/** One lock for every booking decision, across replicas (PostgreSQL) and on PGlite alike. */
const BOOKING_LOCK = 'edgefleet.reservations.book';

/**
 * Reservations (compute futures): book slots of a class for a window at a price fixed at booking,
 * held in escrow; cancel by the refund rule; settle at the window's end (the price is the
 * coordinator's revenue: it sold a guarantee, and the work done under it is paid by its leases as
 * any other). Admission asks the capacity calendar under one transaction-level advisory lock, so
 * two bookings at once — on one replica or many — are decided one after the other and never
 * overbook.
 */
export class ReservationService {
  private readonly settings: ReservationSettings;
  /** Booked reservations from now to an hour ahead, as last read (the Acquire path's guarantee). */
  private upcoming: Reservation[] = [];
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    private readonly d: {
      db: Db;
      /** The registry's sites now (their class facts and declared slots). */
      sites: () => Iterable<CapacitySite>;
      /**
       * This replica's ledger slices (LedgerOptions.slices): its slice of the customer goes back to
       * customer:C before the price is escrowed, and a refusal names µT on other replicas' slices.
       */
      slices?: LocalSlices;
      settings?: Partial<ReservationSettings>;
      now?: () => number;
      newId?: () => string;
    },
  ) {
    this.settings = { ...DEFAULT_RESERVATION_SETTINGS, ...d.settings };
    this.now = d.now ?? Date.now;
    this.newId = d.newId ?? (() => `rsv-${randomBytes(8).toString('hex')}`);
  }

  /** Books, or refuses with InvalidReservationError, ReservationOverbookedError or LedgerInsufficientBalanceError. */
  async book(customerId: string, req: BookRequest): Promise<Reservation> {
    const nowMs = this.now();
    this.validate(req, nowMs);
    const sites = [...this.d.sites()].filter(
      (s) => s.slotsTotal > 0 && !s.quarantined && inClass(s, req.class),
    );
    if (sites.length === 0)
      throw new InvalidReservationError('class', 'no site of this class declares any slots');
    const siteSlots = Object.fromEntries(sites.map((s) => [s.siteId, s.slotsTotal]));
    const reservation: Reservation = {
      id: this.newId(),
      customerId,
      class: req.class,
      siteIds: sites.map((s) => s.siteId).sort(),
      siteSlots,
      slots: req.slots,
      startMs: req.startMs,
      endMs: req.endMs,
      price: reservationPrice(
        req.slots,
        req.startMs,
        req.endMs,
        this.settings.microTokensPerSlotHour,
      ),
      status: 'booked',
      refunded: 0,
      fee: 0,
      committed: 0,
      ref: req.ref ?? null,
      createdAtMs: nowMs,
      closedAtMs: null,
    };
    const current = new Map<string, number>();
    for (const s of this.d.sites()) current.set(s.siteId, s.slotsTotal);
    // The escrow reads customer:C alone: what this replica escrowed of C on its slice goes back first.
    await this.d.slices?.returnCustomer(customerId);
    const booked = await this.d.db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [BOOKING_LOCK]);
      if (req.ref !== undefined) {
        const prior = await reservationStore.byRef(q, customerId, req.ref);
        if (prior) {
          if (!sameTerms(prior, req))
            throw new DuplicateReferenceError('reservation', req.ref, { reservationId: prior.id });
          return prior;
        }
      }
      const linked = connectedBookings(
        reservation.siteIds,
        await reservationStore.bookedOverlapping(q, req.startMs, req.endMs),
      );
      const capacity = capacityOf([reservation, ...linked], current);
      const answer = canHonour(
        span(reservation),
        linked.map(span),
        capacity,
        this.settings.oversubscription,
      );
      if (!answer.ok)
        throw new ReservationOverbookedError(req.slots, answer.available, {
          tightestAtMs: answer.tightestAtMs,
        });
      await reservationStore.insert(q, reservation);
      await holdEscrow(q, {
        reservationId: reservation.id,
        customerId,
        amount: reservation.price,
        nowMs,
        ...(this.d.slices ? { replicaId: this.d.slices.replicaId } : {}),
      });
      return reservation;
    });
    if (booked === reservation && req.startMs < nowMs + HOUR) await this.refreshActive(nowMs);
    return booked;
  }

  /**
   * Cancels a booked reservation by the refund rule (cancellationSplit). `customerId` set: only
   * that customer's (another's answers RESERVATION_NOT_FOUND, as an unknown id does).
   */
  async cancel(reservationId: string, customerId?: string): Promise<Reservation> {
    const nowMs = this.now();
    return this.d.db
      .tx(async (q) => {
        const r = await reservationStore.get(q, reservationId, true);
        if (!r || (customerId !== undefined && r.customerId !== customerId))
          throw new ReservationNotFoundError(reservationId);
        if (r.status !== 'booked') throw new ReservationClosedError(reservationId, r.status);
        // Its window is over: settleDue commits it; there is nothing left to cancel.
        if (nowMs >= r.endMs) throw new ReservationClosedError(reservationId, 'ended');
        const split = cancellationSplit(r.price, r.startMs, nowMs, this.settings.cancelFeeBps);
        await closeEscrow(q, { reservationId, customerId: r.customerId, ...split, nowMs });
        const closed = {
          status: 'cancelled' as const,
          refunded: split.refund,
          fee: split.fee,
          committed: split.commit,
          nowMs,
        };
        await reservationStore.close(q, reservationId, closed);
        return { ...r, ...closed, closedAtMs: nowMs };
      })
      .then(async (r) => {
        if (this.upcoming.some((u) => u.id === r.id)) await this.refreshActive(nowMs);
        return r;
      });
  }

  async get(reservationId: string, customerId?: string): Promise<Reservation> {
    const r = await reservationStore.get(this.d.db, reservationId);
    if (!r || (customerId !== undefined && r.customerId !== customerId))
      throw new ReservationNotFoundError(reservationId);
    return r;
  }

  list(o: { customerId?: string; status?: ReservationStatus; limit?: number }) {
    return reservationStore.list(this.d.db, o);
  }

  /** Booked reservations active at `atMs` (the Acquire path's guarantee reads these). */
  async active(atMs = this.now()): Promise<Reservation[]> {
    return reservationStore.bookedOverlapping(this.d.db, atMs, atMs + 1);
  }

  /** Re-reads the booked reservations of the next hour (after each booking and cancellation, and each tick). */
  async refreshActive(nowMs = this.now()): Promise<void> {
    this.upcoming = await reservationStore.bookedOverlapping(this.d.db, nowMs, nowMs + HOUR);
  }

  /**
   * The reservations active at `nowMs`, from the last read (synchronous: the Acquire path asks on
   * every request). Another replica's booking is seen within one tick.
   */
  activeAt(nowMs = this.now()): Reservation[] {
    return this.upcoming.filter((r) => r.startMs <= nowMs && nowMs < r.endMs);
  }

  /** The periodic work: settle ended windows, re-read the active ones. */
  async tick(nowMs = this.now()): Promise<void> {
    await this.settleDue(nowMs);
    await this.refreshActive(nowMs);
  }

  /**
   * Settles every booked reservation whose window has ended: its escrow is committed to revenue.
   * Each in its own transaction under its row lock, so replicas settling at once post it once.
   * Returns how many were settled.
   */
  async settleDue(nowMs = this.now(), batch = 100): Promise<number> {
    let n = 0;
    for (;;) {
      const due = await reservationStore.due(this.d.db, nowMs, batch);
      for (const r of due) {
        const done = await this.d.db.tx(async (q) => {
          const locked = await reservationStore.get(q, r.id, true);
          if (!locked || locked.status !== 'booked') return false;
          await settle(q, locked, nowMs);
          return true;
        });
        if (done) n++;
      }
      if (due.length < batch) return n;
    }
  }

  private validate(req: BookRequest, nowMs: number): void {
    if (!Number.isSafeInteger(req.slots) || req.slots <= 0)
      throw new InvalidReservationError('slots', 'must be a positive integer');
    if (!Number.isSafeInteger(req.startMs) || !Number.isSafeInteger(req.endMs))
      throw new InvalidReservationError('window', 'start and end must be integer milliseconds');
    if (req.endMs <= req.startMs)
      throw new InvalidReservationError('window', 'end must be after start');
    if (req.startMs < nowMs) throw new InvalidReservationError('start', 'must not be in the past');
    if (req.endMs - req.startMs > this.settings.maxWindowMs)
      throw new InvalidReservationError(
        'window',
        `may cover at most ${this.settings.maxWindowMs} ms`,
      );
    if (req.startMs - nowMs > this.settings.maxLeadMs)
      throw new InvalidReservationError(
        'start',
        `may be at most ${this.settings.maxLeadMs} ms ahead`,
      );
  }
}

async function settle(q: Queryable, r: Reservation, nowMs: number): Promise<void> {
  await closeEscrow(q, {
    reservationId: r.id,
    customerId: r.customerId,
    refund: 0,
    fee: 0,
    commit: r.price,
    nowMs,
  });
  await reservationStore.close(q, r.id, {
    status: 'settled',
    refunded: 0,
    fee: 0,
    committed: r.price,
    nowMs,
  });
}

/** A retried booking: the same class, slots and window as the one its ref already names. */
function sameTerms(r: Reservation, req: BookRequest): boolean {
  const c = req.class;
  return (
    r.slots === req.slots &&
    r.startMs === req.startMs &&
    r.endMs === req.endMs &&
    r.class.region === c.region &&
    r.class.domesticOnly === c.domesticOnly &&
    r.class.siteIds.join('\n') === c.siteIds.join('\n') &&
    r.class.acceleratorKinds.join('\n') === c.acceleratorKinds.join('\n')
  );
}

function span(r: Reservation): ReservationSpan {
  return { id: r.id, siteIds: r.siteIds, slots: r.slots, startMs: r.startMs, endMs: r.endMs };
}

/**
 * Declared slots per site: the registry's figure when it has one above 0; otherwise (the site left
 * the registry, or has not said hello since a restart) the largest figure a booking recorded for it,
 * so bookings sold against a site keep counting it and admission is not refused for its absence.
 */
function capacityOf(
  reservations: readonly Reservation[],
  current: ReadonlyMap<string, number>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of reservations) {
    for (const site of r.siteIds) {
      const now = current.get(site) ?? 0;
      const recorded = r.siteSlots[site] ?? 0;
      out.set(site, now > 0 ? now : Math.max(out.get(site) ?? 0, recorded));
    }
  }
  return out;
}
