import { EdgefleetError } from '@edgefleet/common';

/** The one error shape of the REST API: `{error:{code,message,details?}}`. */
export function httpError(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

export class ApiNotFoundError extends EdgefleetError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `no ${what} ${id}`, { what, id });
  }
}

export class ApiBadRequestError extends EdgefleetError {
  constructor(message: string, issues: { path: string; message: string }[] = []) {
    super('INVALID_ARGUMENT', message, issues.length ? { issues } : {});
  }
}

export class ApiBadCursorError extends EdgefleetError {
  constructor(cursor: string) {
    super('INVALID_CURSOR', `cursor "${cursor.slice(0, 40)}" is not one this API issued; start again without a cursor`, {});
  }
}

/** HTTP status for an error code (EdgefleetError codes from every layer, ledger codes without their LEDGER_ prefix). */
export function statusForCode(code: string): 400 | 401 | 403 | 404 | 405 | 409 | 422 | 500 {
  if (code === 'UNAUTHENTICATED') return 401;
  if (code === 'FORBIDDEN') return 403;
  if (code === 'METHOD_NOT_ALLOWED') return 405;
  if (code === 'INSUFFICIENT_BALANCE' || code === 'DUPLICATE_REFERENCE' || code === 'SITE_ID_TAKEN' || code === 'HOLD_CLOSED') return 409;
  if (code.endsWith('INVALID') || code.startsWith('INVALID_')) return 400;
  if (code === 'NOT_FOUND' || code.startsWith('UNKNOWN')) return 404;
  if (code === 'INTERNAL') return 500;
  return 422;
}

/** Zod issues as the `details.issues` list of a 400. */
export function issueList(issues: readonly { path: readonly PropertyKey[]; message: string }[]): { path: string; message: string }[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
