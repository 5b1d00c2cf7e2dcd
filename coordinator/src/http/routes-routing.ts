import { createRoute, z } from '@hono/zod-openapi';
import { pb } from '@edgefleet/proto';
import type { LeaseService } from '../leases/lease-service.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';

const num = (min: number, max: number) => z.coerce.number().min(min).max(max).optional();
const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const ExplainQuery = z
  .object({
    model: z.string().min(1).max(128),
    popId: z.string().max(64).optional(),
    cellId: z.string().max(64).optional(),
    trackingArea: z.string().max(64).optional(),
    lat: num(-90, 90),
    lon: num(-180, 180),
    speedMps: num(0, 400),
    headingDeg: num(0, 360),
    maxRttMs: num(0, 10_000),
    domesticOnly: flag,
    acceleratorKinds: z
      .string()
      .max(512)
      .optional()
      .describe('comma-separated profile ids or vendors'),
    isolation: z.enum(['', 'whole', 'mig', 'timeslice']).optional(),
    priority: z.coerce.number().int().min(0).max(9).optional(),
    keep: z.coerce.number().int().min(1).max(50).default(5),
  })
  .refine((q) => (q.lat === undefined) === (q.lon === undefined), {
    message: 'give both lat and lon, or neither',
    path: ['lat'],
  });

const CandidateSchema = z
  .object({
    site_id: z.string(),
    score: z.number(),
    rtt_ms: z.number(),
    rtt_source: z.string(),
    cost_micro_tokens_per_hour: z.number(),
    load: z.number(),
    error_rate: z.number(),
    price_per_kwh: z.number(),
    free_slots: z.number(),
    rtt_ahead_ms: z.number().nullable(),
    region: z.string(),
  })
  .openapi('RouteCandidate');

const ExplainSchema = z
  .object({
    attachment: z.string(),
    status: z.string(),
    considered: z.number(),
    visited: z.number(),
    eligible: z.number(),
    rejected: z.record(z.string(), z.number()),
    winner: CandidateSchema.nullable(),
    runner_up: CandidateSchema.nullable(),
    candidates: z.array(CandidateSchema),
  })
  .openapi('RouteExplanation');

/** Routing decisions: explain where an Acquire would go, without acquiring. */
export function registerRoutingRoutes(
  app: ApiApp,
  d: { tokens: readonly TokenEntry[]; leases: Pick<LeaseService, 'explain'> },
): void {
  app.openapi(
    gate(
      d.tokens,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/routing/explain',
        operationId: 'explainRouting',
        tags: ['routing'],
        summary:
          'Where an Acquire would go now: winner, runner-up and the ranked candidates with RTT (estimate and source), power cost, load and free slots, plus why the others were filtered out. Acquires nothing.',
        request: { query: ExplainQuery },
        responses: {
          200: json(ExplainSchema, 'the routing decision'),
          404: json(
            z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
            'unknown cell or tracking area (and no coordinates)',
          ),
          ...ERRORS,
        },
      }),
    ),
    (c) => {
      const q = c.req.valid('query');
      const req = new pb.AcquireRequest({
        model: q.model,
        location: {
          pop_id: q.popId ?? '',
          cell_id: q.cellId ?? '',
          tracking_area: q.trackingArea ?? '',
          has_coordinates: q.lat !== undefined,
          lat: q.lat ?? 0,
          lon: q.lon ?? 0,
          has_velocity: q.speedMps !== undefined && q.headingDeg !== undefined,
          speed_mps: q.speedMps ?? 0,
          heading_deg: q.headingDeg ?? 0,
        },
        max_rtt_ms: q.maxRttMs ?? 0,
        domestic_only: q.domesticOnly,
        accelerator_kinds: q.acceleratorKinds
          ? q.acceleratorKinds
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : [],
        isolation: q.isolation ?? '',
        priority: q.priority ?? 0,
      });
      return c.json(d.leases.explain(req, q.keep) as z.infer<typeof ExplainSchema>, 200);
    },
  );
}
