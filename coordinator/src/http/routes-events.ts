import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { describeError, type Logger } from '@edgefleet/common';
import type { FleetRegistry } from '../fleet/registry.js';
import type { EventHub, NocEvent } from '../noc/events.js';
import type { TokenEntry } from './auth.js';
import { gate, type ApiApp } from './openapi-app.js';

export interface EventRouteDeps {
  tokens: readonly TokenEntry[];
  registry: Pick<FleetRegistry, 'countByState'>;
  events: EventHub;
  log: Logger;
  /** SSE keep-alive period. */
  heartbeatMs?: number;
}

/** The live NOC event stream (Server-Sent Events). */
export function registerEventRoutes(app: ApiApp, d: EventRouteDeps): void {
  app.openapi(
    gate(
      d.tokens,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/events',
        operationId: 'streamEvents',
        tags: ['ops'],
        summary:
          'Live NOC events as Server-Sent Events: `site` (state change), `run` (reconciliation run), `alert` (raised/resolved). EventSource may pass ?access_token=',
        request: { query: z.object({ access_token: z.string().optional() }) },
        responses: {
          200: {
            description: 'text/event-stream',
            content: { 'text/event-stream': { schema: z.string() } },
          },
        },
      }),
      { queryToken: true },
    ),
    (c) =>
      streamSSE(
        c,
        async (stream) => {
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
            await stream.writeSSE({
              event: 'hello',
              data: JSON.stringify({ counts: d.registry.countByState() }),
            });
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
        },
        async (err) => {
          d.log.warn({ err: describeError(err) }, 'SSE stream failed');
        },
      ),
  );
}
