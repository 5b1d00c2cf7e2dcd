import { EdgefleetError } from '@edgefleet/common';
import { httpStatusOf } from '@edgefleet/proto';

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
    super(
      'INVALID_CURSOR',
      `cursor "${cursor.slice(0, 40)}" is not one this API issued; start again without a cursor`,
      {},
    );
  }
}

/** HTTP statuses the catalogue gives the REST API's codes. */
export type ApiErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 422 | 500 | 503;

/** Seconds a 503 (a dependency away, e.g. DATABASE_UNAVAILABLE) tells the caller to wait (`Retry-After`). */
export const RETRY_AFTER_S = 5;

/**
 * HTTP status for an error code (EdgefleetError codes from every layer, ledger codes without their
 * LEDGER_ prefix): proto's catalogue (WIRE_ERRORS), 422 for a code it does not list.
 */
export function statusForCode(code: string): ApiErrorStatus {
  return httpStatusOf(code) as ApiErrorStatus;
}

/** Zod issues as the `details.issues` list of a 400. */
export function issueList(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): { path: string; message: string }[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
