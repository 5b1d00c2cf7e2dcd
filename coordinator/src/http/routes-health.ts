import { createRoute, z } from '@hono/zod-openapi';
import type { Readiness } from '@edgefleet/common';
import type { FleetRegistry } from '../fleet/registry.js';
import type { TokenEntry } from './auth.js';
import { gate, json, type ApiApp } from './openapi-app.js';

const LiveSchema = z
  .object({
    status: z.literal('pass'),
    /** Kept from the former /healthz body. */
    ok: z.literal(true),
    sites: z.number(),
    uptimeS: z.number(),
  })
  .openapi('Liveness');

const CheckSchema = z.object({
  status: z.enum(['pass', 'fail']),
  reason: z.string().optional(),
  durationMs: z.number(),
});
const ReadySchema = z
  .object({ status: z.enum(['pass', 'fail']), checks: z.record(z.string(), CheckSchema) })
  .openapi('Readiness');

/**
 * Probes (no token: load balancers, kubelets and systemd call them). /livez: the process answers
 * (no dependency is checked, so an outage of the database or the broker never gets a replica
 * restarted); /healthz is its old name. /readyz: every dependency a request needs answers
 * (coordinatorChecks), 503 with the failing check named when one does not.
 */
export function registerHealthRoutes(
  app: ApiApp,
  d: {
    tokens: readonly TokenEntry[];
    registry: Pick<FleetRegistry, 'size'>;
    readiness: () => Promise<Readiness>;
  },
): void {
  const live = () => ({
    status: 'pass' as const,
    ok: true as const,
    sites: d.registry.size,
    uptimeS: Math.round(process.uptime()),
  });
  for (const [path, operationId, summary] of [
    ['/livez', 'getLiveness', 'Liveness probe: the process answers (no dependency checked)'],
    ['/healthz', 'getHealth', 'Liveness probe under its former name (same as /livez)'],
  ] as const) {
    app.openapi(
      gate(
        d.tokens,
        'public',
        createRoute({
          method: 'get',
          path,
          operationId,
          tags: ['ops'],
          summary,
          responses: { 200: json(LiveSchema, 'alive') },
        }),
      ),
      (c) => c.json(live(), 200),
    );
  }
  app.openapi(
    gate(
      d.tokens,
      'public',
      createRoute({
        method: 'get',
        path: '/readyz',
        operationId: 'getReadiness',
        tags: ['ops'],
        summary:
          'Readiness probe: database, MQTT broker and gRPC server, each named with its state',
        responses: {
          200: json(ReadySchema, 'ready: every check passes'),
          503: json(ReadySchema, 'not ready: the failing checks say why'),
        },
      }),
    ),
    async (c) => {
      const r = await d.readiness();
      return r.status === 'pass' ? c.json(r, 200) : c.json(r, 503);
    },
  );
}
