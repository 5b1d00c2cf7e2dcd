import { createRoute, z } from '@hono/zod-openapi';
import type { CustomerKeyStore } from '../fleet/customer-keys.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';
import {
  ApiKeyParams,
  ApiKeySchema,
  CustomerIdParam,
  ErrorSchema,
  IssuedApiKeySchema,
} from './schemas.js';

export interface CustomerKeyRouteDeps {
  customerKeys: Pick<CustomerKeyStore, 'issue' | 'list' | 'revoke'>;
  tokens: readonly TokenEntry[];
}

const IssueRequest = z
  .object({ note: z.string().max(200).default('') })
  .openapi('CustomerApiKeyRequest');

/**
 * Customer API keys for the LeaseBroker (operator role): issue (the token is shown once),
 * list, revoke.
 */
export function registerCustomerKeyRoutes(app: ApiApp, d: CustomerKeyRouteDeps): void {
  const t = d.tokens;
  app.openapi(
    gate(
      t,
      'operator',
      createRoute({
        method: 'post',
        path: '/api/v1/customers/{id}/api-keys',
        operationId: 'issueCustomerApiKey',
        tags: ['customers'],
        summary:
          'Issue a customer API key for the LeaseBroker (the token is shown once); the body is optional',
        // Optional: an empty request issues a key without a note.
        request: {
          params: CustomerIdParam,
          body: { content: { 'application/json': { schema: IssueRequest } }, required: false },
        },
        responses: { 201: json(IssuedApiKeySchema, 'the new key and its token'), ...ERRORS },
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      // Without a JSON body the validator hands over {} (no defaults applied): the note is then empty.
      const { note = '' } = c.req.valid('json') as { note?: string };
      return c.json(await d.customerKeys.issue(id, c.get('principal'), note), 201);
    },
  );

  app.openapi(
    gate(
      t,
      'operator',
      createRoute({
        method: 'get',
        path: '/api/v1/customers/{id}/api-keys',
        operationId: 'listCustomerApiKeys',
        tags: ['customers'],
        summary: "A customer's API keys, newest first, revoked ones included (never their tokens)",
        request: { params: CustomerIdParam },
        responses: {
          200: json(
            z.object({ items: z.array(ApiKeySchema), nextCursor: z.null() }),
            'every key of the customer (one page)',
          ),
          ...ERRORS,
        },
      }),
    ),
    async (c) =>
      c.json({ items: await d.customerKeys.list(c.req.valid('param').id), nextCursor: null }, 200),
  );

  app.openapi(
    gate(
      t,
      'operator',
      createRoute({
        method: 'delete',
        path: '/api/v1/customers/{id}/api-keys/{keyId}',
        operationId: 'revokeCustomerApiKey',
        tags: ['customers'],
        summary: 'Revoke a customer API key at once',
        request: { params: ApiKeyParams },
        responses: {
          204: { description: 'revoked' },
          404: json(ErrorSchema, 'no such live key of this customer'),
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { id, keyId } = c.req.valid('param');
      await d.customerKeys.revoke(id, keyId);
      return c.body(null, 204);
    },
  );
}
