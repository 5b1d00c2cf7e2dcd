import { createRoute, z } from '@hono/zod-openapi';
import { ENTITY_ID_PATTERN } from '@edgefleet/proto';
import type { Ledger } from '../ledger/types.js';
import type { LeaseService } from '../leases/lease-service.js';
import type { Reconciler } from '../recon/reconciler.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, type ApiApp } from './openapi-app.js';
import { offsetOf, pageByKey, pageByOffset, pageOf, pageQuery } from './pagination.js';
import { BalanceSchema, ErrorSchema, HoldSchema, RunSchema, TopupRequest } from './schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const CustomerParam = z.object({ id: z.string().regex(ENTITY_ID_PATTERN).openapi({ param: { name: 'id', in: 'path' }, example: 'fleet-acme' }) });

/** Leases, customer balances, reconciliation runs, ledger invariants. */
export function registerMoneyRoutes(app: ApiApp, d: { tokens: readonly TokenEntry[]; ledger: Ledger; leases: LeaseService; reconciler: Reconciler }): void {
  const t = d.tokens;
  app.openapi(gate(t, 'viewer', createRoute({
    method: 'get', path: '/api/v1/leases', tags: ['leases'], summary: 'Live lease holds (primary + hedges), by hold id',
    request: { query: pageQuery.extend({ siteId: z.string().max(128).optional(), customerId: z.string().max(128).optional() }) },
    responses: { 200: json(pageOf(HoldSchema), 'a page of holds'), ...ERRORS },
  })), (c) => {
    const q = c.req.valid('query');
    let holds = d.leases.listHolds().map((h) => ({
      holdId: h.holdId, customerId: h.customerId, model: h.model, budget: h.budget, expiresAtMs: h.expiresAtMs,
      leases: h.leases.map((l) => ({ lease_id: String(l.lease_id), site_id: String(l.site_id), endpoint: String(l.endpoint), expires_at_ms: Number(l.expires_at_ms) })),
    }));
    if (q.siteId) holds = holds.filter((h) => h.leases.some((l) => l.site_id === q.siteId));
    if (q.customerId) holds = holds.filter((h) => h.customerId === q.customerId);
    holds.sort((a, b) => (a.holdId < b.holdId ? -1 : a.holdId > b.holdId ? 1 : 0));
    return c.json(pageByKey(holds, (h) => h.holdId, q.cursor, q.limit), 200);
  });

  app.openapi(gate(t, 'viewer', createRoute({
    method: 'get', path: '/api/v1/customers/{id}/balance', tags: ['ledger'], summary: 'A customer\'s balance in µT',
    request: { params: CustomerParam },
    responses: { 200: json(BalanceSchema, 'balance'), ...ERRORS },
  })), async (c) => c.json(await d.ledger.balance(c.req.valid('param').id), 200));

  app.openapi(gate(t, 'operator', createRoute({
    method: 'post', path: '/api/v1/customers/{id}/topup', tags: ['ledger'], summary: 'Mint µT onto a customer\'s balance (idempotent by ref)',
    request: { params: CustomerParam, body: { content: { 'application/json': { schema: TopupRequest } }, required: true } },
    responses: { 200: json(BalanceSchema, 'the new balance'), 409: json(ErrorSchema, 'ref already used'), ...ERRORS },
  })), async (c) => {
    const { id } = c.req.valid('param');
    const req = c.req.valid('json');
    await d.ledger.topUp(id, req.microTokens, req.ref ?? `api:${c.get('principal')}:${Date.now()}`);
    return c.json(await d.ledger.balance(id), 200);
  });

  app.openapi(gate(t, 'operator', createRoute({
    method: 'post', path: '/api/v1/reconcile', tags: ['reconciliation'], summary: 'Run reconciliation now (or join the run in progress)',
    responses: { 200: json(RunSchema, 'the run\'s report'), ...ERRORS },
  })), async (c) => c.json(await d.reconciler.runNow(), 200));

  app.openapi(gate(t, 'viewer', createRoute({
    method: 'get', path: '/api/v1/reconciliation/runs', tags: ['reconciliation'], summary: 'Recent reconciliation runs, newest first (the last 1,000)',
    request: { query: pageQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(20) }) },
    responses: { 200: json(pageOf(RunSchema), 'a page of runs'), ...ERRORS },
  })), async (c) => {
    const q = c.req.valid('query');
    // Fetch one more than the page so nextCursor knows whether more exist.
    const runs = await d.ledger.listRuns(Math.min(1000, offsetOf(q.cursor) + q.limit + 1));
    return c.json(pageByOffset(runs, q.cursor, q.limit), 200);
  });

  app.openapi(gate(t, 'viewer', createRoute({
    method: 'get', path: '/api/v1/ledger/total', tags: ['ledger'], summary: 'Sum of all balances (always 0)',
    responses: { 200: json(z.object({ totalMicroTokens: z.number() }), 'the sum'), ...ERRORS },
  })), async (c) => c.json({ totalMicroTokens: await d.ledger.totalOfAllBalances() }, 200));
}
