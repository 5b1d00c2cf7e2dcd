import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appOver,
  NON_API_ROUTES,
  servedRoutes,
  startTestCoordinator,
} from './coordinator.test-support.js';

type Coord = Awaited<ReturnType<typeof startTestCoordinator>>;
type Doc = { paths: Record<string, Record<string, { operationId?: string }>> };

/** No route may bypass OpenAPI registration: what the app serves is what its document describes. */
describe('OpenAPI document covers every route the app serves', () => {
  let c: Coord;
  let served: string[] = [];
  let ops: { route: string; operationId: string | undefined }[] = [];

  beforeAll(async () => {
    c = await startTestCoordinator();
    const second = appOver(c);
    try {
      served = servedRoutes(second.app);
      const doc = (await (await second.app.request('/api/v1/openapi.json')).json()) as Doc;
      ops = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
        Object.entries(byMethod).map(([method, op]) => ({
          route: `${method.toUpperCase()} ${path}`,
          operationId: op.operationId,
        })),
      );
    } finally {
      await second.close();
    }
  }, 60_000);
  afterAll(async () => c?.close());

  it('has an operation for every served route but the document, its reference page and the NOC page', () => {
    expect(served).toEqual(expect.arrayContaining([...NON_API_ROUTES]));
    const api = served.filter((r) => !NON_API_ROUTES.includes(r));
    expect(api.length).toBeGreaterThan(25);
    expect(ops.map((o) => o.route).sort()).toEqual(api);
  });

  it('gives every operation a unique operationId', () => {
    const missing = ops.filter((o) => !o.operationId).map((o) => o.route);
    expect(missing).toEqual([]);
    const ids = ops.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is the document the coordinator serves', async () => {
    const served = (await (await c.call('GET', '/api/v1/openapi.json')).json()) as Doc;
    expect(Object.keys(served.paths).sort()).toEqual(
      [...new Set(ops.map((o) => o.route.split(' ')[1]))].sort(),
    );
  });
});
