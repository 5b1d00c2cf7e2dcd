import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST_CALLS, type RestCall } from '@edgefleet/client';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';

type Operation = {
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
};
type Doc = { paths: Record<string, Record<string, Operation>> };

/**
 * The CLI's REST client cannot drift from the coordinator's API: every call it can make (its
 * ApiClient takes only the rows of REST_CALLS) is an operation of the OpenAPI document the
 * coordinator serves, with the same path parameters, the query parameters it sends, and a request
 * body exactly where the CLI sends one. (coordinator/src/http/openapi.test.ts holds the document to
 * every route the app serves.)
 */
describe('edgefleet CLI REST calls vs the coordinator OpenAPI document', () => {
  let coord: CoordinatorProc;
  let doc: Doc;
  beforeAll(async () => {
    coord = await startCoordinatorProcess();
    const res = await coord.api<Doc>('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  }, 180_000);
  afterAll(async () => coord?.proc.kill());

  it('has an operation for every call, with its path, query parameters and body', () => {
    const calls = Object.entries(REST_CALLS as Record<string, RestCall>);
    expect(calls.length).toBeGreaterThanOrEqual(14);
    const problems: string[] = [];
    for (const [name, call] of calls) {
      const op = doc.paths[call.path]?.[call.method.toLowerCase()];
      if (!op) {
        problems.push(`${name}: no operation ${call.method} ${call.path}`);
        continue;
      }
      const params = op.parameters ?? [];
      const inPath = params.filter((p) => p.in === 'path').map((p) => p.name);
      const templated = [...call.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      if (inPath.sort().join() !== templated.sort().join())
        problems.push(`${name}: path parameters ${templated.join()} ≠ documented ${inPath.join()}`);
      const inQuery = params.filter((p) => p.in === 'query').map((p) => p.name);
      for (const q of call.query ?? [])
        if (!inQuery.includes(q)) problems.push(`${name}: query parameter ${q} is not documented`);
      if ((call.body === true) !== (op.requestBody !== undefined))
        problems.push(
          `${name}: the CLI ${call.body ? 'sends' : 'sends no'} body, the document ${op.requestBody ? 'has one' : 'has none'}`,
        );
    }
    expect(problems).toEqual([]);
  });

  it('would notice a call the coordinator does not have', () => {
    const bogus: RestCall = { method: 'DELETE', path: '/api/v1/whoami' };
    expect(doc.paths[bogus.path]?.[bogus.method.toLowerCase()]).toBeUndefined();
    expect(doc.paths['/api/v1/whoami']?.['get']).toBeDefined();
  });
});
