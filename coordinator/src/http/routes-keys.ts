import { createRoute, z } from '@hono/zod-openapi';
import type { SiteConfigPublisher } from '../site-config/site-config.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';

/** The lease-signing keys: rotate them (every site is sent the full key set on its retained config topic). */
export function registerKeyRoutes(
  app: ApiApp,
  d: { tokens: readonly TokenEntry[]; siteConfig: Pick<SiteConfigPublisher, 'rotateKeys'> },
): void {
  app.openapi(
    gate(
      d.tokens,
      'admin',
      createRoute({
        method: 'post',
        path: '/api/v1/keys/rotate',
        operationId: 'rotateSigningKeys',
        tags: ['routing'],
        summary:
          'Rotate the lease-signing key: the new key signs from now on; every site gets the full key set on its retained config topic, so tokens signed by the old key keep verifying until it retires (after leases.maxTtlS).',
        responses: {
          200: json(
            z.object({ kid: z.string(), published: z.array(z.string()), sites: z.number() }),
            'the new key id, the key ids now published, and how many sites were sent the config',
          ),
          ...ERRORS,
        },
      }),
    ),
    async (c) => c.json(await d.siteConfig.rotateKeys(), 200),
  );
}
