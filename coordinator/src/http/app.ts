import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { describeError, EdgefleetError, type Logger } from '@edgefleet/common';
import type { FleetRegistry } from '../fleet/registry.js';
import type { SiteStore } from '../fleet/site-store.js';
import type { Ledger } from '../ledger/types.js';
import type { LeaseService } from '../leases/lease-service.js';
import type { CoordinatorMetrics } from '../metrics.js';
import type { Reconciler } from '../recon/reconciler.js';
import { registerDashboard } from '../dashboard/routes.js';
import { wireCode } from '../wire-code.js';
import { requireRole, type Role, type TokenEntry } from './auth.js';
import { httpError, issueList, statusForCode } from './errors.js';
import { createNoc, type Noc } from './noc.js';
import { newApiApp, type ApiApp } from './openapi-app.js';
import { registerEnrollRoutes, type EnrollDeps } from './routes-enroll.js';
import { registerFleetRoutes } from './routes-fleet.js';
import { registerMoneyRoutes } from './routes-money.js';
import { registerOpsRoutes } from './routes-ops.js';
import { registerRoutingRoutes } from './routes-routing.js';
import { registerLedgerRoutes } from './routes-ledger.js';
import { registerCustomerKeyRoutes } from './routes-customer-keys.js';
import type { CustomerKeyStore } from '../fleet/customer-keys.js';

export { siteView } from './site-view.js';

/** Largest request body the API reads (the biggest legitimate one, 10,000 enrollment codes' request, is tiny). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppDeps {
  registry: FleetRegistry;
  sites: SiteStore;
  ledger: Ledger;
  leases: LeaseService;
  reconciler: Reconciler;
  metrics: CoordinatorMetrics;
  tokens: readonly TokenEntry[];
  log: Logger;
  enrollment: { codeTtlS: number };
  /** What an enrolling agent is told. */
  enrollInfo: EnrollDeps['enrollInfo'];
  onEnrolled: (siteId: string) => void;
  /** Telemetry history, alerts and live events; created here when the caller has none. */
  noc?: Noc;
  /** Seconds since the oldest staged burn (the reconciliation lag gauge). */
  reconLagSeconds?: () => Promise<number>;
  /** Customer API keys for the LeaseBroker. */
  customerKeys: CustomerKeyStore;
  /** POST /api/v1/sites/{id}/revoke: revoke in the database and cut the site off here. */
  revokeSite: (siteId: string) => Promise<{ revokedAtMs: number; already: boolean } | undefined>;
}

/**
 * The coordinator's HTTP surface: REST API (OpenAPI at /api/v1/openapi.json), /metrics, /healthz,
 * live events, and the NOC dashboard at /. Every error has one shape: {error:{code,message,details?}}.
 */
export function createApp(d: AppDeps): ApiApp {
  const app = newApiApp();
  const noc = d.noc ?? createNoc({ registry: d.registry });
  noc.watchReports((fn) => d.reconciler.onReport(fn));
  /** Role gate for plain hono routes (route files registered below). */
  const need = (r: Role) => requireRole(d.tokens, r);

  app.onError((err, c) => {
    if (err instanceof EdgefleetError) {
      const code = wireCode(err);
      return c.json(httpError(code, err.message, Object.keys(err.data).length ? err.data : undefined), statusForCode(code));
    }
    if (err instanceof z.ZodError) {
      const issues = issueList(err.issues);
      return c.json(httpError('INVALID_ARGUMENT', issues.map((i) => `${i.path || '(param)'}: ${i.message}`).join('; '), { issues }), 400);
    }
    if (err instanceof HTTPException && err.status < 500) {
      const status = err.status as 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415;
      return c.json(httpError(status === 400 ? 'INVALID_ARGUMENT' : `HTTP_${status}`, err.message || 'bad request'), status);
    }
    d.log.error({ err: describeError(err), path: c.req.path }, 'http: unhandled error');
    return c.json(httpError('INTERNAL', 'internal error; see the coordinator log'), 500);
  });
  app.notFound((c) => {
    const allowed = allowedMethods(app, c.req.path).filter((m) => m !== c.req.method);
    if (allowed.length > 0) {
      return c.json(httpError('METHOD_NOT_ALLOWED', `${c.req.method} is not allowed on ${c.req.path} (allowed: ${allowed.join(', ')})`), 405, { allow: allowed.join(', ') });
    }
    return c.json(httpError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), 404);
  });
  // Bodies are bounded before anything buffers them (/api/v1/enroll needs no token). The rest of an
  // oversized body is never read, so the connection cannot be reused: say so.
  app.use('/api/*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json(httpError('PAYLOAD_TOO_LARGE', `request body exceeds ${MAX_BODY_BYTES} bytes`), 413, { connection: 'close' }) }));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'a token from auth.tokens; roles viewer < operator < admin, installer = viewer + enrollment codes' });
  registerOpsRoutes(app, {
    tokens: d.tokens, registry: d.registry, metrics: d.metrics, alerts: noc.alerts, events: noc.events, log: d.log,
    reconLagSeconds: d.reconLagSeconds ?? (() => Promise.resolve(0)),
  });
  registerEnrollRoutes(app, d);
  registerFleetRoutes(app, { tokens: d.tokens, registry: d.registry, sites: d.sites, ledger: d.ledger, history: noc.history, revokeSite: d.revokeSite });
  registerMoneyRoutes(app, d);
  // Route files owned by other engineers: one registration line each, below (they may use `need`).
  registerRoutingRoutes(app, d);
  registerLedgerRoutes(app, d);
  registerCustomerKeyRoutes(app, d);
  void need;

  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'edgefleet coordinator API', version: '1', description: 'Fleet registry, enrollment, leases, ledger and reconciliation. Errors: {error:{code,message,details?}}. Lists: ?cursor=&limit= → {items,nextCursor}.' },
  });
  registerDashboard(app);
  return app;
}

/** Methods registered for a path (for 405 + Allow), from the app's route table. */
function allowedMethods(app: ApiApp, path: string): string[] {
  const out = new Set<string>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue;
    const re = new RegExp(`^${r.path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\/:[^/]+/g, '/[^/]+')}$`);
    if (re.test(path)) out.add(r.method);
  }
  return [...out];
}
