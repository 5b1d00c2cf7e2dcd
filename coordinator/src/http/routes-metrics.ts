import { createRoute, z } from '@hono/zod-openapi';
import { describeError, type Logger } from '@edgefleet/common';
import type { FleetRegistry } from '../fleet/registry.js';
import type { CoordinatorMetrics } from '../metrics.js';
import type { TokenEntry } from './auth.js';
import { gate, type ApiApp } from './openapi-app.js';

export interface MetricsRouteDeps {
  tokens: readonly TokenEntry[];
  registry: Pick<FleetRegistry, 'countByState'>;
  metrics: CoordinatorMetrics;
  log: Logger;
  /** Seconds since the oldest staged (not yet reconciled) burn; 0 when none. */
  reconLagSeconds: () => Promise<number>;
}

/** Prometheus metrics; the gauges that are read on demand (sites by state, reconciliation lag) are set per scrape. */
export function registerMetricsRoutes(app: ApiApp, d: MetricsRouteDeps): void {
  app.openapi(
    gate(
      d.tokens,
      'public',
      createRoute({
        method: 'get',
        path: '/metrics',
        operationId: 'getMetrics',
        tags: ['ops'],
        summary: 'Prometheus metrics (text exposition format)',
        responses: {
          200: { description: 'metrics', content: { 'text/plain': { schema: z.string() } } },
        },
      }),
    ),
    async (c) => {
      const counts = d.registry.countByState();
      for (const [state, n] of Object.entries(counts)) d.metrics.sitesByState.set({ state }, n);
      try {
        d.metrics.reconLagSeconds.set(await d.reconLagSeconds());
      } catch (err) {
        d.log.warn({ err: describeError(err) }, 'metrics: reconciliation lag query failed');
      }
      return c.text(await d.metrics.registry.metrics(), 200, {
        'content-type': d.metrics.registry.contentType,
      });
    },
  );
}
