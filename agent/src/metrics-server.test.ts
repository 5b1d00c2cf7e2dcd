import { afterEach, describe, expect, it } from 'vitest';
import { Counter, Registry } from 'prom-client';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';

describe('agent metrics server', () => {
  let srv: MetricsServer | undefined;
  afterEach(async () => srv?.close());

  it('serves the registry at /metrics on an ephemeral port, 404 elsewhere, 405 for writes', async () => {
    const reg = new Registry();
    const c = new Counter({
      name: 'edgefleet_agent_infer_total',
      help: 'x',
      labelNames: ['outcome'] as const,
      registers: [reg],
    });
    c.inc({ outcome: 'ok' }, 3);
    srv = await startMetricsServer(reg, { host: '127.0.0.1', port: 0 });
    expect(srv.port).toBeGreaterThan(0);
    const res = await fetch(srv.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^edgefleet_agent_infer_total\{outcome="ok"\} 3$/m);
    expect((await fetch(srv.url.replace('/metrics', '/nope'))).status).toBe(404);
    expect((await fetch(srv.url, { method: 'POST' })).status).toBe(405);
  });

  it('fails with a clear error when the port is taken', async () => {
    srv = await startMetricsServer(new Registry(), { host: '127.0.0.1', port: 0 });
    await expect(
      startMetricsServer(new Registry(), { host: '127.0.0.1', port: srv.port }),
    ).rejects.toThrow(/cannot bind the metrics server on 127\.0\.0\.1:\d+/);
  });
});
