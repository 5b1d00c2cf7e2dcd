import { num, oneOf, required, UsageError } from './args.js';
import type { Ctx } from './context.js';
import { customerFor } from './customer.js';
import { isoTime, keyValues, microTokens, table } from './format.js';
import { api } from './rest.js';
import type { Reservation as ReservationView } from '../reservations-api.js';

function emit(c: Ctx, json: unknown, text: () => string): void {
  c.io.out(c.flags.json ? JSON.stringify(json, null, 2) : text());
}

/** An instant as ISO 8601 (2027-01-04T07:00Z) or epoch milliseconds. */
function instant(value: string | undefined, flag: string): number {
  const v = required(value, flag);
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isSafeInteger(ms))
    throw new UsageError(`--${flag} must be an ISO 8601 time or epoch ms (got "${v}")`);
  return ms;
}

function oneId(c: Ctx, command: string): string {
  const id = required(c.args[0], 'ID', `(edgefleet ${command} ID)`);
  if (c.args.length > 1)
    throw new UsageError(`unexpected argument "${c.args.slice(1).join(' ')}" for ${command}`);
  return id;
}

function details(r: ReservationView): string {
  const cls = [
    r.class.region ? `region ${r.class.region}` : '',
    r.class.siteIds.length ? `sites ${r.class.siteIds.join(',')}` : '',
    r.class.acceleratorKinds.length ? `kinds ${r.class.acceleratorKinds.join(',')}` : '',
    r.class.domesticOnly ? 'domestic only' : '',
  ].filter(Boolean);
  return keyValues([
    ['reservation', r.id],
    ['customer', r.customerId],
    ['status', r.status],
    ['class', cls.join('; ') || 'any site'],
    ['sites', r.siteIds.join(', ')],
    ['slots', String(r.slots)],
    ['window', `${isoTime(r.startMs)} → ${isoTime(r.endMs)}`],
    ['price', `${microTokens(r.price)} (held at booking)`],
    ...(r.status === 'booked'
      ? []
      : ([
          ['refunded', microTokens(r.refunded)],
          ['fee', microTokens(r.fee)],
          ['committed', microTokens(r.committed)],
        ] as [string, string][])),
  ]);
}

/**
 * `edgefleet reservations book (--region R | --sites A,B) --slots N --start T --end T
 * [--accelerator K]… [--domestic-only] [--ref X]`: reserve slots of a class for a window; the price
 * is held. A retry with the same --ref books once.
 */
export async function reservationsBook(c: Ctx): Promise<void> {
  if (c.args.length > 0)
    throw new UsageError(`unexpected argument "${c.args.join(' ')}" for reservations book`);
  const region = c.flags.region ?? '';
  const siteIds = (c.flags.sites ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!region && siteIds.length === 0) throw new UsageError('missing --region or --sites');
  const slots = required(num(c.flags.slots, 'slots', { integer: true, min: 1 }), 'slots');
  const startMs = instant(c.flags.start, 'start');
  const endMs = instant(c.flags.end, 'end');
  const customerId = await customerFor(c);
  const r = (await api(c).call('bookReservation', {
    body: {
      customerId,
      ...(c.flags.ref ? { ref: c.flags.ref } : {}),
      region,
      siteIds,
      acceleratorKinds: c.flags.accelerator ?? [],
      domesticOnly: c.flags['domestic-only'] === true,
      slots,
      startMs,
      endMs,
    },
  })) as ReservationView;
  emit(c, r, () => details(r));
}

/** `edgefleet reservations list [--customer C] [--status booked|cancelled|settled]`. */
export async function reservationsList(c: Ctx): Promise<void> {
  if (c.args.length > 0)
    throw new UsageError(`unexpected argument "${c.args.join(' ')}" for reservations list`);
  const status = oneOf(c.flags.status, 'status', ['booked', 'cancelled', 'settled'] as const);
  const customerId = c.flags.customer ?? c.io.env['EDGEFLEET_CUSTOMER'];
  const r = (await api(c).call('listReservations', {
    query: { customerId, status, limit: c.flags.limit },
  })) as { items: ReservationView[] };
  emit(c, r, () =>
    table(
      r.items.map((i) => ({
        id: i.id,
        customer: i.customerId,
        status: i.status,
        slots: i.slots,
        start: isoTime(i.startMs),
        end: isoTime(i.endMs),
        price: microTokens(i.price),
      })),
      ['id', 'customer', 'status', 'slots', 'start', 'end', 'price'],
    ),
  );
}

/** `edgefleet reservations show ID`. */
export async function reservationsShow(c: Ctx): Promise<void> {
  const id = oneId(c, 'reservations show');
  const r = (await api(c).call('getReservation', { params: { id } })) as ReservationView;
  emit(c, r, () => details(r));
}

/** `edgefleet reservations cancel ID`: before its start the price less the fee comes back. */
export async function reservationsCancel(c: Ctx): Promise<void> {
  const id = oneId(c, 'reservations cancel');
  const r = (await api(c).call('cancelReservation', { params: { id } })) as ReservationView;
  emit(c, r, () => details(r));
}
