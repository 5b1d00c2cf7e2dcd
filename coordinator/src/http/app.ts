import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { describeError, EdgefleetError, type Logger, type Readiness } from '@edgefleet/common';
import type { FleetRegistry } from '../fleet/registry.js';
import type { SiteStore } from '../fleet/site-store.js';
import type { Ledger } from '../ledger/types.js';
import type { LeaseService } from '../leases/lease-service.js';
import type { CoordinatorMetrics } from '../metrics.js';
import type { Reconciler } from '../ledger/index.js';
import { registerDashboard } from '../noc/dashboard/routes.js';
import { wireCode } from '../wire-code.js';
import type { TokenEntry } from './auth.js';
import { httpError, issueList, RETRY_AFTER_S, statusForCode } from './errors.js';
import { createNoc, type Noc } from '../noc/noc.js';
import { newApiApp, type ApiApp } from './openapi-app.js';
import { registerAlertRoutes } from './routes-alerts.js';
import { registerBalanceRoutes } from './routes-balances.js';
import type { SiteEnrollment } from '../enrollment/index.js';
import type { SiteConfigPublisher } from '../site-config/site-config.js';
import { registerCustomerKeyRoutes } from './routes-customer-keys.js';
import { registerHardwareRoutes } from './routes-hardware.js';
import { registerReputationRoutes } from './routes-reputation.js';
import { registerEarningsRoutes } from './routes-earnings.js';
import { registerEnrollRoutes } from './routes-enroll.js';
import { registerEventRoutes } from './routes-events.js';
import { registerFleetMapRoutes } from './routes-fleet-map.js';
import { registerHealthRoutes } from './routes-health.js';
import { registerKeyRoutes } from './routes-keys.js';
import { registerLeaseRoutes } from './routes-leases.js';
import { registerLedgerRoutes } from './routes-ledger.js';
import { registerMetricsRoutes } from './routes-metrics.js';
import { httpMetrics } from './http-metrics.js';
import { registerReconciliationRoutes } from './routes-reconciliation.js';
import { coordinatorConfigSchema } from '../config.js';
import { registerFleetViewRoutes } from './routes-fleet-views.js';
import { registerFleetQueueRoutes } from './routes-fleet-queue.js';
import { registerPriceRoutes, type MarketSettings } from './routes-prices.js';
import { registerReservationRoutes, type ReservationRouteDeps } from './routes-reservations.js';
import { registerRoutingRoutes } from './routes-routing.js';
import { registerSiteRoutes } from './routes-sites.js';
import { registerStatementRoutes } from './routes-statements.js';
import { registerPackageRoutes } from './routes-packages.js';
import type { PackageStore } from '../ledger/packages.js';
import { registerReceiptRoutes } from './routes-receipts.js';
import type { SiteKeyBook } from '../fleet/site-keys.js';
import { registerTelemetryRoutes } from './routes-telemetry.js';
import { registerWhoamiRoutes } from './routes-whoami.js';
import type { CustomerKeyStore } from '../fleet/customer-keys.js';
import type { HardwareMappingStore } from '../hardware/mapping-store.js';
import type { SpotChecks } from '../spot-checks/spot-checks.js';

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
  /** Enrollment and gRPC TLS renewal (the use case behind /api/v1/enroll). */
  enroller: SiteEnrollment;
  /** Sites' retained config (POST /api/v1/keys/rotate republishes it). */
  siteConfig: Pick<SiteConfigPublisher, 'rotateKeys'>;
  /** Telemetry history, alerts and live events; created here when the caller has none. */
  noc?: Noc;
  /** Seconds since the oldest staged burn (the reconciliation lag gauge). */
  reconLagSeconds?: () => Promise<number>;
  /** Customer API keys for the LeaseBroker. */
  customerKeys: CustomerKeyStore;
  /** GET /readyz: every dependency checked (database, broker, gRPC). */
  readiness: () => Promise<Readiness>;
  /** Operator mappings of hardware the profile table does not know. */
  hardware: HardwareMappingStore;
  /** POST /api/v1/sites/{id}/revoke: revoke in the database and cut the site off here. */
  revokeSite: (siteId: string) => Promise<{ revokedAtMs: number; already: boolean } | undefined>;
  /** GET /api/v1/prices: the currency and spot policy (config `market`; its defaults when absent). */
  market?: MarketSettings;
  /** The sites' keys, to check the signatures of a customer's receipts; absent = not checked. */
  siteKeys?: Pick<SiteKeyBook, 'receiptKeys'>;
  /** Reservations (compute futures; absent: /api/v1/reservations answers 404). */
  reservations?: ReservationRouteDeps['reservations'];
  /** Spot-check reputation, canaries on demand, reinstatement (absent: those routes answer 404). */
  spotChecks?: SpotChecks;
  /** Token packages and purchases (absent: those routes answer 404). */
  packages?: PackageStore;
}

/**
 * The coordinator's HTTP surface: REST API (OpenAPI at /api/v1/openapi.json), /metrics, /livez (/healthz), /readyz,
 * live events, and the NOC dashboard at /. Every error has one shape: {error:{code,message,details?}}.
 */
export function createApp(d: AppDeps): ApiApp {
  const app = newApiApp();
  const noc = d.noc ?? createNoc({ registry: d.registry });
  noc.watchReports((fn) => d.reconciler.onReport(fn));

  app.onError((err, c) => {
    if (err instanceof EdgefleetError) {
      const code = wireCode(err);
      const status = statusForCode(code);
      // 503: a dependency is away (the ledger database); the cause stays in the log, not the reply.
      if (status === 503)
        d.log.warn({ err: describeError(err.cause), path: c.req.path, code }, 'http: 503');
      return c.json(
        httpError(code, err.message, Object.keys(err.data).length ? err.data : undefined),
        status,
        status === 503 ? { 'retry-after': String(RETRY_AFTER_S) } : {},
      );
    }
    if (err instanceof z.ZodError) {
      const issues = issueList(err.issues);
      return c.json(
        httpError(
          'INVALID_ARGUMENT',
          issues.map((i) => `${i.path || '(param)'}: ${i.message}`).join('; '),
          { issues },
        ),
        400,
      );
    }
    if (err instanceof HTTPException && err.status < 500) {
      const status = err.status as 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415;
      return c.json(
        httpError(
          status === 400 ? 'INVALID_ARGUMENT' : `HTTP_${status}`,
          err.message || 'bad request',
        ),
        status,
      );
    }
    d.log.error({ err: describeError(err), path: c.req.path }, 'http: unhandled error');
    return c.json(httpError('INTERNAL', 'internal error; see the coordinator log'), 500);
  });
  app.notFound((c) => {
    const allowed = allowedMethods(app, c.req.path).filter((m) => m !== c.req.method);
    if (allowed.length > 0) {
      return c.json(
        httpError(
          'METHOD_NOT_ALLOWED',
          `${c.req.method} is not allowed on ${c.req.path} (allowed: ${allowed.join(', ')})`,
        ),
        405,
        { allow: allowed.join(', ') },
      );
    }
    return c.json(httpError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), 404);
  });
  app.use('*', httpMetrics(d.metrics));
  // Bodies are bounded before anything buffers them (/api/v1/enroll needs no token). The rest of an
  // oversized body is never read, so the connection cannot be reused: say so.
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(
          httpError('PAYLOAD_TOO_LARGE', `request body exceeds ${MAX_BODY_BYTES} bytes`),
          413,
          { connection: 'close' },
        ),
    }),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description:
      'a token from auth.tokens; roles viewer < operator < admin, installer = viewer + enrollment codes',
  });
  // One route file per resource; every route is registered through OpenAPI (openapi.test.ts holds that).
  registerHealthRoutes(app, d);
  registerMetricsRoutes(app, {
    ...d,
    reconLagSeconds: d.reconLagSeconds ?? (() => Promise.resolve(0)),
  });
  registerAlertRoutes(app, { tokens: d.tokens, alerts: noc });
  registerEventRoutes(app, { ...d, events: noc.events });
  registerEnrollRoutes(app, d);
  registerSiteRoutes(app, d);
  registerFleetMapRoutes(app, d);
  registerTelemetryRoutes(app, { ...d, history: noc.history });
  registerEarningsRoutes(app, d);
  registerLeaseRoutes(app, d);
  registerBalanceRoutes(app, d);
  const market = d.market ?? coordinatorConfigSchema.shape.market.parse({});
  registerStatementRoutes(app, { ...d, market });
  registerPackageRoutes(app, d);
  registerReceiptRoutes(app, d);
  registerReconciliationRoutes(app, d);
  registerLedgerRoutes(app, d);
  registerRoutingRoutes(app, d);
  registerPriceRoutes(app, { ...d, market });
  registerFleetViewRoutes(app, { ...d, fleet: noc.fleet, market });
  registerFleetQueueRoutes(app, { tokens: d.tokens, queue: noc.queue });
  registerKeyRoutes(app, d);
  registerCustomerKeyRoutes(app, d);
  registerWhoamiRoutes(app, d);
  registerHardwareRoutes(app, d);
  registerReputationRoutes(app, d);
  registerReservationRoutes(app, d);

  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'edgefleet coordinator API',
      version: '1',
      description:
        'Fleet registry, enrollment, leases, ledger and reconciliation. Errors: {error:{code,message,details?}}. Lists: ?cursor=&limit= → {items,nextCursor}.',
    },
  });
  registerDashboard(app);
  return app;
}

/** Methods registered for a path (for 405 + Allow), from the app's route table. */
function allowedMethods(app: ApiApp, path: string): string[] {
  const out = new Set<string>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue;
    const re = new RegExp(
      `^${r.path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\/:[^/]+/g, '/[^/]+')}$`,
    );
    if (re.test(path)) out.add(r.method);
  }
  return [...out];
}
