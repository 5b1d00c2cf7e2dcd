import { createRoute, z } from '@hono/zod-openapi';
import type { FleetRegistry } from '../fleet/registry.js';
import type { HardwareMappingStore } from '../hardware/mapping-store.js';
import { listUnknownHardware } from '../hardware/unknown-hardware.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';

export interface HardwareRouteDeps {
  registry: Pick<FleetRegistry, 'all'>;
  hardware: Pick<HardwareMappingStore, 'map' | 'list'>;
  tokens: readonly TokenEntry[];
}

const UnknownHardwareSchema = z
  .object({
    vendor: z.string(),
    modelString: z.string(),
    pciDeviceId: z.string(),
    migProfile: z.string(),
    reason: z.string(),
    detail: z.string(),
    devices: z.number().int(),
    sites: z.array(z.string()),
  })
  .openapi('UnknownHardware');

const MappingSchema = z
  .object({
    modelString: z.string(),
    profileId: z.string(),
    createdBy: z.string(),
    createdAtMs: z.number().int(),
  })
  .openapi('HardwareMapping');

const MappingRequest = z
  .object({
    modelString: z
      .string()
      .trim()
      .min(1)
      .max(256)
      .openapi({
        description: 'the model name exactly as the vendor tool prints it (case and spacing aside)',
      }),
    profile: z
      .string()
      .min(1)
      .max(64)
      .openapi({
        description: "a profile id of the coordinator's table (firmware-hooks/README.md)",
      }),
  })
  .openapi('HardwareMappingRequest');

/**
 * Hardware the coordinator's profile table does not know (admin): what the fleet reports that
 * cannot be priced (its sites are not routable), and the operator's mappings of model strings to
 * profiles, which take effect on every replica and re-resolve the sites at once.
 */
export function registerHardwareRoutes(app: ApiApp, d: HardwareRouteDeps): void {
  const t = d.tokens;
  app.openapi(
    gate(
      t,
      'admin',
      createRoute({
        method: 'get',
        path: '/api/v1/hardware/unknown',
        operationId: 'listUnknownHardware',
        tags: ['hardware'],
        summary:
          'Hardware the fleet reports that no profile resolves (its sites are not routable), most widespread first',
        responses: {
          200: json(
            z.object({ items: z.array(UnknownHardwareSchema), nextCursor: z.null() }),
            'every unknown identity (one page)',
          ),
          ...ERRORS,
        },
      }),
    ),
    (c) => c.json({ items: listUnknownHardware(d.registry.all()), nextCursor: null }, 200),
  );

  app.openapi(
    gate(
      t,
      'admin',
      createRoute({
        method: 'get',
        path: '/api/v1/hardware/mappings',
        operationId: 'listHardwareMappings',
        tags: ['hardware'],
        summary: "The operators' mappings of model strings to profiles",
        responses: {
          200: json(
            z.object({ items: z.array(MappingSchema), nextCursor: z.null() }),
            'every mapping (one page)',
          ),
          ...ERRORS,
        },
      }),
    ),
    async (c) => c.json({ items: await d.hardware.list(), nextCursor: null }, 200),
  );

  app.openapi(
    gate(
      t,
      'admin',
      createRoute({
        method: 'post',
        path: '/api/v1/hardware/mappings',
        operationId: 'mapHardware',
        tags: ['hardware'],
        summary:
          'Map a model string the profile table does not know to a profile (replaces an earlier mapping of it)',
        request: {
          body: { content: { 'application/json': { schema: MappingRequest } }, required: true },
        },
        responses: { 201: json(MappingSchema, 'the mapping, now in effect'), ...ERRORS },
      }),
    ),
    async (c) => {
      const { modelString, profile } = c.req.valid('json');
      return c.json(await d.hardware.map(modelString, profile, c.get('principal')), 201);
    },
  );
}
