import type { Metadata } from '@grpc/grpc-js';
import { EdgefleetError } from '@edgefleet/common';

export class CallerUnauthenticatedError extends EdgefleetError {
  constructor(reason: string) {
    super(
      'UNAUTHENTICATED',
      `LeaseBroker needs "authorization: Bearer <customer API key>": ${reason}`,
      { reason },
    );
  }
}

export class CallerForbiddenError extends EdgefleetError {
  constructor(message: string, data: Record<string, unknown>) {
    super('PERMISSION_DENIED', message, data);
  }
}

export interface LeaseBrokerAuth {
  /** 'required' (default): every call carries a customer API key or a staff token. 'open': no check (development only). */
  mode: 'required' | 'open';
  /** Staff tokens (operator, admin) may act for any customer: NOC tooling. */
  staffTokens: readonly { token: string; role: string }[];
  /** The customer a customer API key belongs to. */
  customerOf(token: string): string | undefined;
}

export type Caller =
  { kind: 'customer'; customerId: string } | { kind: 'staff' } | { kind: 'open' };

/** Who is calling, from the `authorization` metadata. Throws CallerUnauthenticatedError. */
export function identifyCaller(md: Metadata, auth: LeaseBrokerAuth): Caller {
  const raw = md.get('authorization')[0];
  const header = typeof raw === 'string' ? raw : raw ? raw.toString('utf8') : '';
  const m = /^Bearer\s+(\S{1,512})$/i.exec(header);
  if (!m) {
    if (auth.mode === 'open') return { kind: 'open' };
    throw new CallerUnauthenticatedError(
      header ? 'malformed authorization header' : 'no authorization header',
    );
  }
  const token = m[1] as string;
  const customerId = auth.customerOf(token);
  if (customerId) return { kind: 'customer', customerId };
  if (
    auth.staffTokens.some((t) => (t.role === 'operator' || t.role === 'admin') && t.token === token)
  )
    return { kind: 'staff' };
  if (auth.mode === 'open') return { kind: 'open' };
  throw new CallerUnauthenticatedError('unknown or revoked key');
}

/** A customer acts only for itself: fills customer_id when empty, refuses another customer's. */
export function bindCustomer(caller: Caller, requested: string): string {
  if (caller.kind !== 'customer') return requested;
  if (requested && requested !== caller.customerId) {
    throw new CallerForbiddenError(
      `this key belongs to customer ${caller.customerId}, not ${requested}`,
      { customerId: caller.customerId, requested },
    );
  }
  return caller.customerId;
}

/** A customer may renew, release or watch only its own holds (an unknown hold looks the same as another's). */
export function checkHoldOwner(caller: Caller, holdOwner: string | undefined): boolean {
  return caller.kind !== 'customer' || holdOwner === caller.customerId;
}
