/**
 * Every REST call the CLI makes, as the coordinator's OpenAPI document names it: method, path
 * template (`{param}` as in the document), the query parameters it may send, whether it sends a
 * JSON body. ApiClient takes only these, so a call cannot exist without a row here, and
 * test/cli/openapi-drift.test.ts holds each row to the document the coordinator serves.
 */
export interface RestCall {
  method: 'GET' | 'POST' | 'DELETE';
  path: `/api/v1/${string}`;
  query?: readonly string[];
  body?: true;
}

const PAGE = ['limit', 'cursor'] as const;

export const REST_CALLS = {
  listSites: { method: 'GET', path: '/api/v1/sites', query: PAGE },
  revokeSite: { method: 'POST', path: '/api/v1/sites/{id}/revoke' },
  siteStatement: { method: 'GET', path: '/api/v1/sites/{id}/statement', query: PAGE },
  customerStatement: { method: 'GET', path: '/api/v1/customers/{id}/statement', query: PAGE },
  balance: { method: 'GET', path: '/api/v1/customers/{id}/balance' },
  checkReceipts: { method: 'POST', path: '/api/v1/customers/{id}/receipts/check', body: true },
  topup: { method: 'POST', path: '/api/v1/customers/{id}/topup', body: true },
  issueApiKey: { method: 'POST', path: '/api/v1/customers/{id}/api-keys', body: true },
  listApiKeys: { method: 'GET', path: '/api/v1/customers/{id}/api-keys' },
  revokeApiKey: { method: 'DELETE', path: '/api/v1/customers/{id}/api-keys/{keyId}' },
  whoami: { method: 'GET', path: '/api/v1/whoami' },
  reconciliationRuns: { method: 'GET', path: '/api/v1/reconciliation/runs', query: PAGE },
  reconciliationRun: { method: 'GET', path: '/api/v1/reconciliation/runs/{runId}' },
  reconcile: { method: 'POST', path: '/api/v1/reconcile' },
  issueEnrollmentCodes: { method: 'POST', path: '/api/v1/enrollment-codes', body: true },
  listUnknownHardware: { method: 'GET', path: '/api/v1/hardware/unknown' },
  listHardwareMappings: { method: 'GET', path: '/api/v1/hardware/mappings' },
  mapHardware: { method: 'POST', path: '/api/v1/hardware/mappings', body: true },
  listSiteReputation: { method: 'GET', path: '/api/v1/reputation' },
  runSpotCheck: { method: 'POST', path: '/api/v1/sites/{id}/spot-check' },
  reinstateSite: { method: 'POST', path: '/api/v1/sites/{id}/reinstate', body: true },
  bookReservation: { method: 'POST', path: '/api/v1/reservations', body: true },
  listReservations: {
    method: 'GET',
    path: '/api/v1/reservations',
    query: ['customerId', 'status', 'limit'],
  },
  getReservation: { method: 'GET', path: '/api/v1/reservations/{id}' },
  cancelReservation: { method: 'DELETE', path: '/api/v1/reservations/{id}' },
  getSpotPrices: { method: 'GET', path: '/api/v1/prices', query: ['by', 'region'] },
  listPackages: { method: 'GET', path: '/api/v1/packages' },
  definePackage: { method: 'POST', path: '/api/v1/packages', body: true },
  buyPackage: { method: 'POST', path: '/api/v1/customers/{id}/purchases', body: true },
  listPurchases: { method: 'GET', path: '/api/v1/customers/{id}/purchases' },
} as const satisfies Record<string, RestCall>;

export type RestCallName = keyof typeof REST_CALLS;

/** A call's path with its `{param}`s filled in (URL-encoded); a missing one is a programming error. */
export function fillPath(call: RestCall, params: Record<string, string>): string {
  return call.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`${call.method} ${call.path}: no value for {${name}}`);
    return encodeURIComponent(v);
  });
}
