import { ApiClient } from './cli/http.js';

/** A reservation as the REST API returns it (coordinator/src/http/routes-reservations.ts). */
export interface Reservation {
  id: string;
  customerId: string;
  class: { region: string; siteIds: string[]; acceleratorKinds: string[]; domesticOnly: boolean };
  /** The sites of its class when booked. */
  siteIds: string[];
  slots: number;
  startMs: number;
  endMs: number;
  /** µT, fixed at booking and held in escrow. */
  price: number;
  status: ReservationStatus;
  refunded: number;
  fee: number;
  committed: number;
  ref: string | null;
  createdAtMs: number;
  closedAtMs: number | null;
}
export type ReservationStatus = 'booked' | 'cancelled' | 'settled';

/** What to book: a class (a region and/or sites, accelerator kinds) and slots for a window. */
export interface BookReservation {
  /** A staff token's customer; a customer API key books for its own and may leave it out. */
  customerId?: string;
  /** Your reference: a retry with the same ref and terms books once. */
  ref?: string;
  region?: string;
  siteIds?: string[];
  acceleratorKinds?: string[];
  domesticOnly?: boolean;
  slots: number;
  startMs: number;
  endMs: number;
}

export interface ReservationsApiOptions {
  /** The coordinator's HTTP address, e.g. http://coordinator:8080. */
  baseUrl: string;
  /** A customer API key (efk_…) or a staff token (operator to book and cancel, viewer to read). */
  token: string;
  /** The deadline of each call (default 10 s). */
  timeoutMs?: number;
}

/**
 * Reservations (compute futures, docs/market.md) over the coordinator's REST API, through the
 * CLI's REST client: the same calls (rest-calls.ts, held to the OpenAPI document). A refusal
 * throws ApiError with the API's code (RESERVATION_OVERBOOKED, INSUFFICIENT_BALANCE,
 * RESERVATION_CLOSED, …); an unreachable coordinator ApiUnavailableError.
 */
export class ReservationsApi {
  private readonly api: ApiClient;
  constructor(o: ReservationsApiOptions) {
    this.api = new ApiClient(o.baseUrl, o.token, o.timeoutMs ?? 10_000);
  }

  /** Books; the price is held from the customer's balance at once. */
  async book(req: BookReservation): Promise<Reservation> {
    return (await this.api.call('bookReservation', { body: req })) as Reservation;
  }

  /** Newest first: a customer key's own; a staff token's for one customer, or all. */
  async list(
    q: { customerId?: string; status?: ReservationStatus; limit?: number } = {},
  ): Promise<Reservation[]> {
    const r = (await this.api.call('listReservations', {
      query: {
        customerId: q.customerId,
        status: q.status,
        limit: q.limit === undefined ? undefined : String(q.limit),
      },
    })) as { items: Reservation[] };
    return r.items;
  }

  async get(id: string): Promise<Reservation> {
    return (await this.api.call('getReservation', { params: { id } })) as Reservation;
  }

  /** Before its start the price less the fee comes back; from its start, nothing. */
  async cancel(id: string): Promise<Reservation> {
    return (await this.api.call('cancelReservation', { params: { id } })) as Reservation;
  }
}
