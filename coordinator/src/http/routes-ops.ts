import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { describeError, type Logger } from '@edgefleet/common';
import type { FleetRegistry } from '../fleet/registry.js';
import type { CoordinatorMetrics } from '../metrics.js';
import type { TokenEntry } from './auth.js';
import type { AlertBook } from '../noc/alerts.js';
import type { EventHub, NocEvent } from '../noc/events.js';
import { ERRORS, gate, type ApiApp } from './openapi-app.js';
import { pageByOffset, pageOf, pageQuery } from './pagination.js';
import { AlertSchema } from './schemas.js';

export interface OpsDeps {
  tokens: readonly TokenEntry[];
  registry: FleetRegistry;
  metrics: CoordinatorMetrics;
  alerts: AlertBook;
  events: EventHub;
  log: Logger;
  /** Seconds since the oldest staged (not yet reconciled) burn; 0 when none. */
  reconLagSeconds: () => Promise<number>;
  /** SSE keep-alive period. */
  heartbeatMs?: number;
}

/** Health, Prometheus metrics, alerts, and the live event stream (Server-Sent Events). */
export function registerOpsRoutes(app: ApiApp, d: OpsDeps): void {
  const t = d.tokens;
  app.openapi(gate(t, 'public', createRoute({
    method: 'get', path: '/healthz', tags: ['ops'], summary: 'Liveness/readiness probe',
    responses: { 200: { description: 'up', content: { 'application/json': { schema: z.object({ ok: z.boolean(), sites: z.number() }) } } } },
  })), (c) => c.json({ ok: true, sites: d.registry.size }, 200));

  app.openapi(gate(t, 'public', createRoute({
    method: 'get', path: '/metrics', tags: ['ops'], summary: 'Prometheus metrics (text exposition format)',
    responses: { 200: { description: 'metrics', content: { 'text/plain': { schema: z.string() } } } },
  })), async (c) => {
    const counts = d.registry.countByState();
    for (const [state, n] of Object.entries(counts)) d.metrics.sitesByState.set({ state }, n);
    try {
      d.metrics.reconLagSeconds.set(await d.reconLagSeconds());
    } catch (err) {
      d.log.warn({ err: describeError(err) }, 'metrics: reconciliation lag query failed');
    }
    return c.text(await d.metrics.registry.metrics(), 200, { 'content-type': d.metrics.registry.contentType });
  });

  app.openapi(gate(t, 'viewer', createRoute({
    method: 'get', path: '/api/v1/alerts', tags: ['ops'], summary: 'Alerts: active (critical first) and/or recently resolved',
    request: { query: pageQuery.extend({ state: z.enum(['active', 'resolved', 'all']).default('active'), siteId: z.string().max(128).optional() }) },
    responses: { 200: { description: 'a page of alerts', content: { 'application/json': { schema: pageOf(AlertSchema) } } }, ...ERRORS },
  })), (c) => {
    const q = c.req.valid('query');
    d.alerts.evaluate();
    let list = d.alerts.list(q.state);
    if (q.siteId) list = list.filter((a) => a.siteId === q.siteId);
    return c.json(pageByOffset(list, q.cursor, q.limit), 200);
  });

  app.openapi(gate(t, 'viewer', createRoute({
    method: 'get', path: '/api/v1/events', tags: ['ops'],
    summary: 'Live NOC events as Server-Sent Events: `site` (state change), `run` (reconciliation run), `alert` (raised/resolved). EventSource may pass ?access_token=',
    request: { query: z.object({ access_token: z.string().optional() }) },
    responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } } },
  }), { queryToken: true }), (c) => streamSSE(c, async (stream) => {
    const queue: NocEvent[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = d.events.subscribe((e) => {
      if (queue.length < 10_000) queue.push(e);
      wake?.();
    });
    let closed = false;
    stream.onAbort(() => {
      closed = true;
      wake?.();
    });
    const hb = setInterval(() => wake?.(), d.heartbeatMs ?? 15_000);
    try {
      await stream.writeSSE({ event: 'hello', data: JSON.stringify({ counts: d.registry.countByState() }) });
      while (!closed) {
        if (queue.length === 0) {
          await new Promise<void>((r) => {
            wake = r;
          });
          wake = undefined;
          if (queue.length === 0 && !closed) await stream.write(': keep-alive\n\n');
          continue;
        }
        const e = queue.shift() as NocEvent;
        await stream.writeSSE({ event: e.type, data: JSON.stringify(e.data) });
      }
    } finally {
      clearInterval(hb);
      unsubscribe();
    }
  }, async (err) => {
    d.log.warn({ err: describeError(err) }, 'SSE stream failed');
  }));
}
