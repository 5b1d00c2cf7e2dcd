import type { Queryable } from '../db/index.js';

/** What a reservation is for: slots on the sites of a class. Empty lists and '' mean "any". */
export interface ReservationClass {
  /** Sites of this region only ('' = any region). */
  region: string;
  /** These sites only (empty = any site of the class). */
  siteIds: string[];
  /** Profile ids or vendors, as routing matches them (empty = any). */
  acceleratorKinds: string[];
  domesticOnly: boolean;
}

export type ReservationStatus = 'booked' | 'cancelled' | 'settled';

export interface Reservation {
  id: string;
  customerId: string;
  class: ReservationClass;
  /** The sites of its class when it was booked. */
  siteIds: string[];
  /** Their declared slots then (what a site that later leaves the registry still counts for). */
  siteSlots: Record<string, number>;
  slots: number;
  startMs: number;
  endMs: number;
  /** µT, fixed at booking and held in escrow. */
  price: number;
  status: ReservationStatus;
  refunded: number;
  fee: number;
  committed: number;
  /** The customer's reference for the booking (a retry with the same ref books once), or null. */
  ref: string | null;
  createdAtMs: number;
  closedAtMs: number | null;
}

interface Row {
  id: string;
  customer_id: string;
  region: string;
  requested_sites: string[];
  accelerator_kinds: string[];
  domestic_only: boolean;
  site_ids: string[];
  site_slots: Record<string, number> | string;
  slots: number;
  start_ms: number;
  end_ms: number;
  price: number;
  status: ReservationStatus;
  refunded: number;
  fee: number;
  committed: number;
  ref: string | null;
  created_at_ms: number;
  closed_at_ms: number | null;
}

const COLUMNS =
  'id, customer_id, region, requested_sites, accelerator_kinds, domestic_only, site_ids, site_slots, slots, start_ms, end_ms, price, status, refunded, fee, committed, ref, created_at_ms, closed_at_ms';

function fromRow(r: Row): Reservation {
  return {
    id: r.id,
    customerId: r.customer_id,
    class: {
      region: r.region,
      siteIds: r.requested_sites,
      acceleratorKinds: r.accelerator_kinds,
      domesticOnly: r.domestic_only,
    },
    siteIds: r.site_ids,
    siteSlots:
      typeof r.site_slots === 'string'
        ? (JSON.parse(r.site_slots) as Record<string, number>)
        : r.site_slots,
    slots: Number(r.slots),
    startMs: Number(r.start_ms),
    endMs: Number(r.end_ms),
    price: Number(r.price),
    status: r.status,
    refunded: Number(r.refunded),
    fee: Number(r.fee),
    committed: Number(r.committed),
    ref: r.ref,
    createdAtMs: Number(r.created_at_ms),
    closedAtMs: r.closed_at_ms === null ? null : Number(r.closed_at_ms),
  };
}

/** The reservations table (migration 110); every function runs on the caller's Queryable. */
export const reservationStore = {
  async insert(q: Queryable, r: Reservation): Promise<void> {
    await q.query(
      `INSERT INTO reservations (id, customer_id, region, requested_sites, accelerator_kinds, domestic_only,
                                 site_ids, site_slots, slots, start_ms, end_ms, price, created_at_ms, ref)
       VALUES ($1, $2, $3, $4::text[], $5::text[], $6, $7::text[], $8::jsonb, $9, $10, $11, $12, $13, $14)`,
      [
        r.id,
        r.customerId,
        r.class.region,
        r.class.siteIds,
        r.class.acceleratorKinds,
        r.class.domesticOnly,
        r.siteIds,
        JSON.stringify(r.siteSlots),
        r.slots,
        r.startMs,
        r.endMs,
        r.price,
        r.createdAtMs,
        r.ref,
      ],
    );
  },

  /** One reservation; `lock` takes its row lock (FOR UPDATE) for a decision on it. */
  async get(q: Queryable, id: string, lock = false): Promise<Reservation | undefined> {
    const [row] = await q.query<Row>(
      `SELECT ${COLUMNS} FROM reservations WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row ? fromRow(row) : undefined;
  },

  /** A customer's booking by its own reference. */
  async byRef(q: Queryable, customerId: string, ref: string): Promise<Reservation | undefined> {
    const [row] = await q.query<Row>(
      `SELECT ${COLUMNS} FROM reservations WHERE customer_id = $1 AND ref = $2`,
      [customerId, ref],
    );
    return row ? fromRow(row) : undefined;
  },

  /** A customer's reservations (or everyone's), newest first. */
  async list(
    q: Queryable,
    o: { customerId?: string; status?: ReservationStatus; limit?: number } = {},
  ): Promise<Reservation[]> {
    const rows = await q.query<Row>(
      `SELECT ${COLUMNS} FROM reservations
        WHERE ($1::text IS NULL OR customer_id = $1) AND ($2::text IS NULL OR status = $2)
        ORDER BY created_at_ms DESC, id DESC LIMIT $3`,
      [o.customerId ?? null, o.status ?? null, o.limit ?? 100],
    );
    return rows.map(fromRow);
  },

  /** Booked reservations whose window overlaps [startMs, endMs). */
  async bookedOverlapping(q: Queryable, startMs: number, endMs: number): Promise<Reservation[]> {
    const rows = await q.query<Row>(
      `SELECT ${COLUMNS} FROM reservations
        WHERE status = 'booked' AND start_ms < $2 AND end_ms > $1 ORDER BY created_at_ms, id`,
      [startMs, endMs],
    );
    return rows.map(fromRow);
  },

  /** Booked reservations whose window has ended by `nowMs`, oldest end first. */
  async due(q: Queryable, nowMs: number, limit: number): Promise<Reservation[]> {
    const rows = await q.query<Row>(
      `SELECT ${COLUMNS} FROM reservations WHERE status = 'booked' AND end_ms <= $1
        ORDER BY end_ms, id LIMIT $2`,
      [nowMs, limit],
    );
    return rows.map(fromRow);
  },

  /** Moves a booked reservation to its end state with what its escrow paid out. */
  async close(
    q: Queryable,
    id: string,
    o: {
      status: 'cancelled' | 'settled';
      refunded: number;
      fee: number;
      committed: number;
      nowMs: number;
    },
  ): Promise<void> {
    await q.query(
      `UPDATE reservations SET status = $2, refunded = $3, fee = $4, committed = $5, closed_at_ms = $6
        WHERE id = $1 AND status = 'booked'`,
      [id, o.status, o.refunded, o.fee, o.committed, o.nowMs],
    );
  },
};
