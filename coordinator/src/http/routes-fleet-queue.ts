import { createRoute, z } from '@hono/zod-openapi';
import type { QueueHistory } from '../noc/queue-history.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';

const Outcomes = z
  .object({
    granted: z.number().int(),
    timeout: z.number().int(),
    full: z.number().int(),
    no_site: z.number().int(),
    cancelled: z.number().int(),
    abandoned: z.number().int(),
    error: z.number().int(),
  })
  .openapi({
    description:
      'requests that left the queue, by how (the outcome label of edgefleet_acquire_queue_outcomes_total)',
  });

const Waits = {
  granted: z.number().int(),
  waitP50Ms: z
    .number()
    .nullable()
    .openapi({ description: 'wait of the granted requests (ms); null: none granted (no data)' }),
  waitP95Ms: z.number().nullable(),
  waitP99Ms: z.number().nullable(),
  waitMaxMs: z.number().nullable(),
};

const QueueSchema = z.object({
  used: z.boolean().openapi({
    description: 'false until a request has waited in (or been refused by) this replica’s queue',
  }),
  now: z
    .object({
      atMs: z.number().int(),
      waiting: z.number().int(),
      maxWaiting: z.number().int(),
      maxPerCustomer: z.number().int(),
      maxWaitMs: z.number().int(),
      customers: z.array(
        z.object({
          customerId: z.string(),
          waiting: z.number().int(),
          weight: z.number().openapi({ description: 'plan weight (leases.queue.weights)' }),
          headWaitMs: z.number().int().openapi({
            description: "how long the customer's oldest waiting request has waited so far",
          }),
          headPosition: z
            .number()
            .int()
            .openapi({ description: "that request's place in the service order (0 = next)" }),
        }),
      ),
    })
    .nullable()
    .openapi({ description: 'null: this replica serves no LeaseBroker queue' }),
  bucketMs: z.number().int(),
  points: z.array(z.object({ t: z.number().int(), outcomes: Outcomes, ...Waits })),
  hour: z.object({ outcomes: Outcomes, ...Waits }),
});

/** The NOC's queue view: the acquire queue now (per customer) and over the last hour. */
export function registerFleetQueueRoutes(
  app: ApiApp,
  d: {
    tokens: readonly TokenEntry[];
    queue: Pick<QueueHistory, 'view'>;
    now?: () => number;
  },
): void {
  app.openapi(
    gate(
      d.tokens,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/fleet/queue',
        operationId: 'getFleetQueue',
        tags: ['fleet'],
        summary:
          "The acquire queue of this replica: who waits now (per customer, with weight and the head's wait so far), and outcomes and wait-time percentiles per minute over the last hour",
        responses: {
          200: json(QueueSchema, 'points oldest first, one a minute from the first use on'),
          ...ERRORS,
        },
      }),
    ),
    (c) => c.json(d.queue.view((d.now ?? Date.now)()), 200),
  );
}
