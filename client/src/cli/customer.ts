import { EdgefleetError } from '@edgefleet/common';
import { UsageError } from './args.js';
import type { Ctx } from './context.js';
import { ApiUnavailableError } from './http.js';
import { api, token } from './rest.js';

/** The customer of --token could not be asked for: the REST API is unreachable. */
export class CustomerLookupError extends EdgefleetError {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'CUSTOMER_LOOKUP',
      `cannot learn the customer of --token from GET /api/v1/whoami (${reason}); pass --customer, or --api for the coordinator's REST API`,
      { reason },
      { cause },
    );
  }
}

/** GET /api/v1/whoami's answer (coordinator/src/http/routes-whoami.ts). */
export type Whoami =
  { kind: 'customer'; customerId: string } | { kind: 'staff'; principal: string; role: string };

export async function whoami(c: Ctx): Promise<Whoami> {
  return (await api(c).call('whoami')) as Whoami;
}

/**
 * The customer a command acts for: --customer, else EDGEFLEET_CUSTOMER, else the customer a
 * customer API key (--token) belongs to, which the coordinator tells (GET /api/v1/whoami). A
 * staff token acts for any customer, so it needs --customer.
 */
export async function customerFor(c: Ctx): Promise<string> {
  const given = c.flags.customer ?? c.io.env['EDGEFLEET_CUSTOMER'];
  if (given) return given;
  if (!token(c))
    throw new UsageError(
      'missing --customer (or EDGEFLEET_CUSTOMER, or a customer API key as --token)',
    );
  let who: Whoami;
  try {
    who = await whoami(c);
  } catch (err) {
    // A refused key says so itself (UNAUTHENTICATED: …rejected); an unreachable API needs the hint.
    if (err instanceof ApiUnavailableError) throw new CustomerLookupError(err);
    throw err;
  }
  if (who.kind === 'customer') return who.customerId;
  throw new UsageError(
    `missing --customer (--token is a staff token of role ${who.role}, which acts for any customer)`,
  );
}
