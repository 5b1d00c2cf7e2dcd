import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { createCoordinatorMetrics } from '../metrics.js';
import { httpMetrics } from './http-metrics.js';

describe('httpMetrics', () => {
  const m = createCoordinatorMetrics();
  const app = new Hono();
  app.use('*', httpMetrics(m));
  app.use('/api/*', async (_c, next) => next());
  app.get('/api/v1/sites/:id', (c) => c.json({ id: c.req.param('id') }));
  app.get('/api/v1/boom', () => {
    throw new HTTPException(409, { message: 'conflict' });
  });
  app.onError((err, c) =>
    c.json({ error: err.message }, err instanceof HTTPException ? err.status : 500),
  );

  const count = async (labels: Record<string, string>) => {
    const metric = (await m.registry.getMetricsAsJSON()).find(
      (x) => x.name === 'edgefleet_http_requests_total',
    );
    return (
      metric?.values.find((v) => Object.entries(labels).every(([k, w]) => v.labels[k] === w))
        ?.value ?? 0
    );
  };

  it('labels by route pattern and status, never by raw path', async () => {
    expect((await app.request('/api/v1/sites/a')).status).toBe(200);
    expect((await app.request('/api/v1/sites/b')).status).toBe(200);
    expect((await app.request('/api/v1/boom')).status).toBe(409);
    expect((await app.request('/nothing/here')).status).toBe(404);
    expect(await count({ method: 'GET', route: '/api/v1/sites/:id', status: '200' })).toBe(2);
    expect(await count({ method: 'GET', route: '/api/v1/boom', status: '409' })).toBe(1);
    expect(await count({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    const text = await m.registry.metrics();
    expect(text).not.toContain('/api/v1/sites/a');
    expect(text).toMatch(
      /edgefleet_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/sites\/:id"\} 2/,
    );
  });
});
