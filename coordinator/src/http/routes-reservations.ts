import { createRoute, z } from '@hono/zod-openapi';
import type { Reservation, ReservationService } from '../market/index.js';
import { requireCustomerOrRole, type Actor, type Role, type TokenEntry } from './auth.js';
import { ApiBadRequestError, ApiNotFoundError } from './errors.js';
import { ERRORS, json, type ApiApp } from './openapi-app.js';
import { CustomerIdField, ErrorSchema, ReservationIdParam } from './schemas.js';

export interface ReservationRouteDeps {
  tokens: readonly TokenEntry[];
  customerKeys: { customerOf(token: string): string | undefined };
  /** Absent: the routes answer 404 (an app built without a database, as in some tests). */
  reservations?: Pick<ReservationService, 'book' | 'cancel' | 'get' | 'list'>;
}

const Kinds = z.array(z.string().min(1).max(64)).max(32);

const ReservationSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    class: z.object({
      region: z.string(),
      siteIds: z.array(z.string()),
      acceleratorKinds: z.array(z.string()),
      domesticOnly: z.boolean(),
    }),
    siteIds: z.array(z.string()).openapi({ description: 'the sites of its class when booked' }),
    slots: z.number().int(),
    startMs: z.number().int(),
    endMs: z.number().int(),
    price: z.number().int().openapi({ description: 'µT, fixed at booking, held in escrow' }),
    status: z.enum(['booked', 'cancelled', 'settled']),
    refunded: z.number().int(),
    fee: z.number().int(),
    committed: z.number().int(),
    ref: z.string().nullable(),
    createdAtMs: z.number().int(),
    closedAtMs: z.number().int().nullable(),
  })
  .openapi('Reservation');

const BookReservationRequest = z
  .object({
    customerId: CustomerIdField.optional().openapi({
      description: "a staff token's customer; a customer API key books for its own",
    }),
    ref: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .openapi({ description: 'your reference: a retry with the same ref and terms books once' }),
    region: z.string().max(64).default(''),
    siteIds: z.array(z.string().min(1).max(128)).max(1000).default([]),
    acceleratorKinds: Kinds.default([]),
    domesticOnly: z.boolean().default(false),
    slots: z.number().int().positive().max(1_000_000),
    startMs: z.number().int().nonnegative(),
    endMs: z.number().int().positive(),
  })
  .openapi('BookReservationRequest');

const ListQuery = z.object({
  customerId: CustomerIdField.optional().openapi({ param: { name: 'customerId', in: 'query' } }),
  status: z
    .enum(['booked', 'cancelled', 'settled'])
    .optional()
    .openapi({ param: { name: 'status', in: 'query' } }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .openapi({ param: { name: 'limit', in: 'query' } }),
});

const AUTH = {
  401: json(ErrorSchema, 'no token, or one this coordinator does not accept'),
  403: json(ErrorSchema, "the staff token's role lacks this right"),
} as const;

const view = (r: Reservation) => {
  const { siteSlots: _siteSlots, ...rest } = r;
  return rest;
};

/** The customer a request acts for: a customer key's own; a staff token names one (or none: all). */
function customerOf(actor: Actor, named: string | undefined): string | undefined {
  if (actor.kind === 'customer') {
    if (named !== undefined && named !== actor.customerId)
      throw new ApiBadRequestError(
        'customerId: a customer API key acts for its own customer only',
        [{ path: 'customerId', message: 'not the key’s customer' }],
      );
    return actor.customerId;
  }
  return named;
}

/**
 * Reservations (compute futures, docs/market.md): book slots of a class for a window at a price
 * fixed at booking and held in escrow, list them, cancel by the refund rule. A customer API key acts
 * for its own customer; staff tokens for any (operator to book or cancel, viewer to read).
 */
export function registerReservationRoutes(app: ApiApp, d: ReservationRouteDeps): void {
  const auth = (need: Role) =>
    requireCustomerOrRole(d.tokens, (t) => d.customerKeys.customerOf(t), need);
  const role = <R>(r: R, need: Role): R => ({ ...r, 'x-edgefleet-role': need }) as R;
  const service = (): NonNullable<ReservationRouteDeps['reservations']> => {
    if (!d.reservations) throw new ApiNotFoundError('service', 'reservations');
    return d.reservations;
  };

  const book = createRoute({
    method: 'post',
    path: '/api/v1/reservations',
    operationId: 'bookReservation',
    tags: ['market'],
    summary: 'Reserve slots of a class for a window; the price is held at booking',
    security: [{ bearer: [] }],
    middleware: [auth('operator')] as const,
    request: {
      body: {
        content: { 'application/json': { schema: BookReservationRequest } },
        required: true,
      },
    },
    responses: {
      201: json(ReservationSchema, 'booked'),
      ...AUTH,
      409: json(
        ErrorSchema,
        "RESERVATION_OVERBOOKED, INSUFFICIENT_BALANCE (details.inOtherSlices: µT of the customer on other coordinator replicas' ledger slices, back on the balance once those replicas return them: retry later), or DUPLICATE_REFERENCE (the ref with other terms)",
      ),
      ...ERRORS,
    },
  });
  app.openapi(role(book, 'operator'), async (c) => {
    const req = c.req.valid('json');
    const customerId = customerOf(c.get('actor'), req.customerId);
    if (customerId === undefined)
      throw new ApiBadRequestError('customerId: required with a staff token', [
        { path: 'customerId', message: 'required with a staff token' },
      ]);
    const r = await service().book(customerId, {
      ...(req.ref !== undefined ? { ref: req.ref } : {}),
      class: {
        region: req.region,
        siteIds: req.siteIds,
        acceleratorKinds: req.acceleratorKinds,
        domesticOnly: req.domesticOnly,
      },
      slots: req.slots,
      startMs: req.startMs,
      endMs: req.endMs,
    });
    return c.json(view(r), 201);
  });

  const list = createRoute({
    method: 'get',
    path: '/api/v1/reservations',
    operationId: 'listReservations',
    tags: ['market'],
    summary: "Reservations, newest first (a customer key: its own; staff: one customer's or all)",
    security: [{ bearer: [] }],
    middleware: [auth('viewer')] as const,
    request: { query: ListQuery },
    responses: {
      200: json(z.object({ items: z.array(ReservationSchema) }), 'reservations'),
      ...AUTH,
      ...ERRORS,
    },
  });
  app.openapi(role(list, 'viewer'), async (c) => {
    const q = c.req.valid('query');
    const customerId = customerOf(c.get('actor'), q.customerId);
    const items = await service().list({
      ...(customerId !== undefined ? { customerId } : {}),
      ...(q.status ? { status: q.status } : {}),
      limit: q.limit,
    });
    return c.json({ items: items.map(view) }, 200);
  });

  const get = createRoute({
    method: 'get',
    path: '/api/v1/reservations/{id}',
    operationId: 'getReservation',
    tags: ['market'],
    summary: 'One reservation',
    security: [{ bearer: [] }],
    middleware: [auth('viewer')] as const,
    request: { params: ReservationIdParam },
    responses: {
      200: json(ReservationSchema, 'the reservation'),
      ...AUTH,
      404: json(ErrorSchema, 'RESERVATION_NOT_FOUND'),
      ...ERRORS,
    },
  });
  app.openapi(role(get, 'viewer'), async (c) => {
    const actor = c.get('actor');
    const r = await service().get(
      c.req.valid('param').id,
      actor.kind === 'customer' ? actor.customerId : undefined,
    );
    return c.json(view(r), 200);
  });

  const cancel = createRoute({
    method: 'delete',
    path: '/api/v1/reservations/{id}',
    operationId: 'cancelReservation',
    tags: ['market'],
    summary:
      'Cancel a reservation: before its start the price less the fee comes back; from its start, nothing',
    security: [{ bearer: [] }],
    middleware: [auth('operator')] as const,
    request: { params: ReservationIdParam },
    responses: {
      200: json(ReservationSchema, 'the cancelled reservation, with its refund and fee'),
      ...AUTH,
      404: json(ErrorSchema, 'RESERVATION_NOT_FOUND'),
      409: json(ErrorSchema, 'RESERVATION_CLOSED'),
      ...ERRORS,
    },
  });
  app.openapi(role(cancel, 'operator'), async (c) => {
    const actor = c.get('actor');
    const r = await service().cancel(
      c.req.valid('param').id,
      actor.kind === 'customer' ? actor.customerId : undefined,
    );
    return c.json(view(r), 200);
  });
}
