import { Hono } from 'hono';
import { z } from 'zod';
import { describeError, EdgefleetError, type Logger } from '@edgefleet/common';
import type { FleetRegistry } from '../fleet/registry.js';
import type { Site } from '../fleet/site.js';
import type { SiteStore } from '../fleet/site-store.js';
import type { Ledger } from '../ledger/types.js';
import type { LeaseService } from '../leases/lease-service.js';
import type { CoordinatorMetrics } from '../metrics.js';
import type { Reconciler } from '../recon/reconciler.js';
import { httpError, requireRole, type Role, type TokenEntry } from './auth.js';
import { dashboardHtml } from '../dashboard/page.js';
import { wireCode } from '../leases/errors.js';
import { registerLedgerRoutes } from './routes-ledger.js';

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
  enrollInfo: () => { mqttUrl: string; grpcEndpoint: string; signingKeys: { kid: string; public_key_pem: string }[] };
  onEnrolled: (siteId: string) => void;
}

const tariffSchema = z.array(z.object({ startHour: z.number().int().min(0).max(23), endHour: z.number().int().min(1).max(24), pricePerKwh: z.number().nonnegative() })).max(48);

const enrollSchema = z.object({
  code: z.string().min(4).max(64),
  name: z.string().min(1).max(80),
  siteId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).optional(),
  region: z.string().max(64).default(''),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  tariff: tariffSchema.default([]),
  publicKeyPem: z.string().max(4096).optional(),
});

const idParam = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/);

export function siteView(s: Site) {
  return {
    siteId: s.siteId, name: s.name, region: s.region, lat: s.lat, lon: s.lon, state: s.state, stateSinceMs: s.stateSinceMs,
    endpoint: s.endpoint, models: s.models, slotsTotal: s.slotsTotal, slotsFree: s.slotsFree, utilization: s.utilization,
    sitePowerW: s.sitePowerW, domestic: s.domesticOnly, accelerators: s.accelerators, rttMs: Object.fromEntries(s.rttMs),
    lastTelemetryMs: s.lastTelemetryMs, outboxDepth: s.outboxDepth, activeLeases: s.activeLeases, errorRate: s.errorRate,
    hookErrors: s.hookErrors, signals: { mqtt: s.mqttUp, stream: s.streamUp, status: s.statusState }, tariff: s.tariff,
  };
}

function paginate<T>(items: T[], cursor: string | undefined, limitRaw: string | undefined): { items: T[]; nextCursor: string | null } {
  const limit = Math.min(1000, Math.max(1, Number(limitRaw ?? 100) || 100));
  const start = Math.max(0, Number(cursor ?? 0) || 0);
  const page = items.slice(start, start + limit);
  return { items: page, nextCursor: start + limit < items.length ? String(start + limit) : null };
}

export function createApp(d: AppDeps): Hono {
  const app = new Hono();
  const need = (r: Role) => requireRole(d.tokens, r);

  app.onError((err, c) => {
    if (err instanceof EdgefleetError) {
      const code = wireCode(err);
      const status = code === 'INSUFFICIENT_BALANCE' || code === 'DUPLICATE_REFERENCE' || code === 'SITE_ID_TAKEN' ? 409
        : code.endsWith('INVALID') || code === 'INVALID_ARGUMENT' ? 400
        : code.startsWith('UNKNOWN') ? 404
        : 422;
      return c.json(httpError(code, err.message, err.data), status);
    }
    if (err instanceof z.ZodError) {
      return c.json(httpError('INVALID_ARGUMENT', err.issues.map((i) => `${i.path.join('.') || '(param)'}: ${i.message}`).join('; ')), 400);
    }
    d.log.error({ err: describeError(err), path: c.req.path }, 'http: unhandled error');
    return c.json(httpError('INTERNAL', 'internal error; see the coordinator log'), 500);
  });
  app.notFound((c) => c.json(httpError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), 404));

  const body = async <T extends z.ZodType>(c: { req: { json: () => Promise<unknown> } }, schema: T): Promise<z.infer<T>> => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      throw new EdgefleetError('INVALID_ARGUMENT', 'request body must be JSON');
    }
    const r = schema.safeParse(raw);
    if (!r.success) {
      throw new EdgefleetError('INVALID_ARGUMENT', r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '), { issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    }
    return r.data;
  };

  app.get('/', (c) => c.html(dashboardHtml()));
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/metrics', async (c) => {
    const counts = d.registry.countByState();
    for (const [state, n] of Object.entries(counts)) d.metrics.sitesByState.set({ state }, n);
    return c.text(await d.metrics.registry.metrics(), 200, { 'content-type': d.metrics.registry.contentType });
  });

  // Public: the enrollment code is the credential.
  app.post('/api/v1/enroll', async (c) => {
    const req = await body(c, enrollSchema);
    const { site, secret } = await d.sites.enroll({ ...req });
    d.registry.upsertEnrolled(site);
    d.onEnrolled(site.siteId);
    const info = d.enrollInfo();
    d.log.info({ siteId: site.siteId, name: site.name }, 'site enrolled');
    return c.json({
      siteId: site.siteId,
      secret,
      mqtt: { url: info.mqttUrl, username: site.siteId, password: secret, clientId: site.siteId },
      grpc: { controlEndpoint: info.grpcEndpoint },
      signingKeys: info.signingKeys,
    }, 201);
  });

  app.post('/api/v1/enrollment-codes', need('installer'), async (c) => {
    const req = await body(c, z.object({ count: z.number().int().min(1).max(10_000).default(1), ttlS: z.number().int().positive().max(30 * 86400).optional(), note: z.string().max(200).default('') }));
    const codes = await d.sites.issueCodes(req.count, (req.ttlS ?? d.enrollment.codeTtlS) * 1000, c.get('principal'), req.note);
    if (c.req.query('format') === 'csv') return c.text(`code,expires_at\n${codes.map((x) => `${x.code},${new Date(x.expiresAtMs).toISOString()}`).join('\n')}\n`, 201, { 'content-type': 'text/csv' });
    return c.json({ codes }, 201);
  });

  app.get('/api/v1/sites', need('viewer'), (c) => {
    const state = c.req.query('state');
    const region = c.req.query('region');
    let list = [...d.registry.all()];
    if (state) list = list.filter((s) => s.state === state);
    if (region) list = list.filter((s) => s.region === region);
    list.sort((a, b) => a.siteId.localeCompare(b.siteId));
    const page = paginate(list, c.req.query('cursor'), c.req.query('limit'));
    return c.json({ items: page.items.map(siteView), nextCursor: page.nextCursor, counts: d.registry.countByState() });
  });

  app.get('/api/v1/sites/:id', need('viewer'), (c) => {
    const s = d.registry.get(c.req.param('id'));
    if (!s) return c.json(httpError('NOT_FOUND', `no site ${c.req.param('id')}`), 404);
    return c.json(siteView(s));
  });

  app.put('/api/v1/sites/:id/tariff', need('operator'), async (c) => {
    const id = c.req.param('id');
    const tariff = await body(c, tariffSchema);
    if (!(await d.sites.setTariff(id, tariff))) return c.json(httpError('NOT_FOUND', `no site ${id}`), 404);
    d.registry.upsertEnrolled({ siteId: id, tariff });
    return c.json({ siteId: id, tariff });
  });

  app.get('/api/v1/leases', need('viewer'), (c) => c.json(paginate(d.leases.listHolds(), c.req.query('cursor'), c.req.query('limit'))));

  app.get('/api/v1/customers/:id/balance', need('viewer'), async (c) => {
    const id = idParam.parse(c.req.param('id'));
    return c.json(await d.ledger.balance(id));
  });

  app.post('/api/v1/customers/:id/topup', need('operator'), async (c) => {
    const id = idParam.parse(c.req.param('id'));
    const req = await body(c, z.object({ microTokens: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), ref: z.string().max(128).optional() }));
    await d.ledger.topUp(id, req.microTokens, req.ref ?? `api:${c.get('principal')}:${Date.now()}`);
    return c.json(await d.ledger.balance(id));
  });

  app.get('/api/v1/sites/:id/earnings', need('viewer'), async (c) => {
    const id = c.req.param('id');
    return c.json({ siteId: id, microTokens: await d.ledger.siteEarnings(id) });
  });

  app.post('/api/v1/reconcile', need('operator'), async (c) => c.json(await d.reconciler.runNow()));
  app.get('/api/v1/reconciliation/runs', need('viewer'), async (c) => {
    const limit = Math.min(200, Math.max(1, Number(c.req.query('limit') ?? 20) || 20));
    return c.json({ items: await d.ledger.listRuns(limit), nextCursor: null });
  });
  app.get('/api/v1/ledger/total', need('viewer'), async (c) => c.json({ totalMicroTokens: await d.ledger.totalOfAllBalances() }));
  registerLedgerRoutes(app, { ledger: d.ledger, tokens: d.tokens });

  return app;
}
