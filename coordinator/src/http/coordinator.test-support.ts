import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema } from '../config.js';
import { startCoordinator, type Coordinator } from '../coordinator.js';
import { createNoc } from '../noc/noc.js';
import { createApp } from './app.js';
import type { Role } from './auth.js';

export const ROLE_TOKENS: Record<Role, string> = {
  viewer: 'viewer-token-0123456789abcdef',
  installer: 'installer-token-0123456789abcd',
  operator: 'operator-token-0123456789abcde',
  admin: 'admin-token-0123456789abcdefgh',
};

/** A real coordinator (embedded broker, PGlite in a temp dir, ephemeral ports) with one token per role. */
export async function startTestCoordinator(): Promise<
  Coordinator & {
    call(
      method: string,
      path: string,
      o?: { role?: Role; body?: unknown; headers?: Record<string, string> },
    ): Promise<Response>;
  }
> {
  const config = coordinatorConfigSchema.parse({
    dataDir: mkdtempSync(join(tmpdir(), 'ef-http-')),
    http: { port: 0 },
    grpc: { port: 0 },
    mqtt: { port: 0 },
    reconcile: { enabled: false },
    auth: {
      tokens: (Object.entries(ROLE_TOKENS) as [Role, string][]).map(([role, token]) => ({
        token,
        role,
        name: role,
      })),
    },
  });
  const c = await startCoordinator(config, { log: createLogger('test', 'error') });
  return Object.assign(c, {
    call(
      method: string,
      path: string,
      o: { role?: Role; body?: unknown; headers?: Record<string, string> } = {},
    ) {
      return fetch(c.httpUrl + path, {
        method,
        headers: {
          ...(o.role ? { authorization: `Bearer ${ROLE_TOKENS[o.role]}` } : {}),
          ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...o.headers,
        },
        ...(o.body === undefined
          ? {}
          : { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) }),
      });
    },
  });
}

/**
 * A second app over a test coordinator's parts (no tokens), to read its route table and OpenAPI
 * document without a socket. close() stops its NOC's timers.
 */
export function appOver(
  c: Coordinator,
  tokens: Parameters<typeof createApp>[0]['tokens'] = [],
): {
  app: ReturnType<typeof createApp>;
  noc: ReturnType<typeof createNoc>;
  close(): Promise<void>;
} {
  const noc = createNoc({ registry: c.registry });
  const app = createApp({
    registry: c.registry,
    sites: c.sites,
    ledger: c.ledger,
    packages: c.packages,
    leases: c.leases,
    reconciler: c.reconciler,
    metrics: c.metrics,
    log: c.log,
    customerKeys: c.customerKeys,
    hardware: c.hardware,
    tokens,
    enrollment: { codeTtlS: 60 },
    enroller: c.enrollment,
    siteConfig: c.siteConfig,
    revokeSite: (id) => c.sites.revoke(id),
    readiness: () => c.readiness(),
    noc,
  });
  return { app, noc, close: () => noc.close() };
}

/** What the app serves beside its API operations: the OpenAPI document itself, its HTML reference, and the NOC page with its assets. */
export const NON_API_ROUTES: readonly string[] = [
  'GET /',
  'GET /static/projection.js',
  'GET /static/chart.js',
  'GET /static/fleet-views.js',
  'GET /static/reservations-view.js',
  'GET /static/queue-view.js',
  'GET /static/packages-view.js',
  'GET /static/noc.js',
  'GET /static/noc.css',
  'GET /static/basemap.json',
  'GET /api/v1/openapi.json',
  'GET /api/v1/docs',
];

/** The app's route table as "METHOD /path/{param}" (middleware entries left out). */
export function servedRoutes(app: ReturnType<typeof createApp>): string[] {
  return [
    ...new Set(
      app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    ),
  ].sort();
}
