import { OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import { issueList } from './errors.js';
import { ApiBadRequestError } from './errors.js';
import { requireRole, type AuthEnv, type Role, type TokenEntry } from './auth.js';
import { ErrorSchema } from './schemas.js';

export type ApiApp = OpenAPIHono<AuthEnv>;

/** The OpenAPI-aware app: request validation failures become the API's one 400 shape. */
export function newApiApp(): ApiApp {
  return new OpenAPIHono<AuthEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = issueList(result.error.issues);
        throw new ApiBadRequestError(
          issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; '),
          issues,
        );
      }
      return undefined;
    },
  });
}

const err = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

/** A JSON response of `schema` (for a route's `responses`). */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** Error responses every route documents. */
export const ERRORS = { 400: err('invalid request'), 500: err('internal error') } as const;
const AUTH_ERRORS = {
  401: err('no or unknown bearer token'),
  403: err("the token's role lacks this right"),
} as const;

/**
 * Adds the role gate to a route: bearer auth middleware, the OpenAPI security requirement, and an
 * `x-edgefleet-role` extension the role tests read ("public" = no token needed).
 */
export function gate<R extends RouteConfig>(
  tokens: readonly TokenEntry[],
  role: Role | 'public',
  r: R,
  opts: { queryToken?: boolean } = {},
) {
  if (role === 'public') return { ...r, 'x-edgefleet-role': role } as R;
  return {
    ...r,
    'x-edgefleet-role': role,
    security: [{ bearer: [] }],
    middleware: [requireRole(tokens, role, opts)],
    responses: { ...AUTH_ERRORS, ...r.responses },
  } as R;
}
