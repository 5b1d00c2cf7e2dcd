import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { CoordinatorMetrics } from '../metrics.js';

type HttpMetrics = Pick<CoordinatorMetrics, 'httpRequests' | 'httpSeconds'>;

/**
 * Counts every HTTP request by method, route pattern (`/api/v1/sites/:id`, never the raw path, so
 * the series stay bounded) and status, and times it until the response is ready. A request no
 * route matched is labelled `unmatched`. Middleware (registered with `use`, method ALL) is not a route.
 */
export function httpMetrics(m: HttpMetrics): MiddlewareHandler {
  return async (c, next) => {
    const t0 = performance.now();
    await next();
    const route = matchedRoutes(c).findLast((r) => r.method !== 'ALL')?.path ?? 'unmatched';
    const method = c.req.method;
    m.httpRequests.inc({ method, route, status: String(c.res.status) });
    m.httpSeconds.observe({ method, route }, (performance.now() - t0) / 1000);
  };
}
