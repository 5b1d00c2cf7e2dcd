import { afterEach, describe, expect, it } from 'vitest';
import { Counter, Registry } from 'prom-client';
import { runChecks } from '@edgefleet/common';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';
import { agentChecks } from './readiness.js';

/** Readiness over the agent's checks, with a broker link and a gRPC server the test switches. */
function switchable() {
  const state = { mqtt: { connected: true }, grpc: true };
  const checks = agentChecks({ mqtt: state.mqtt, inference: { listening: () => state.grpc } });
  return { state, readiness: () => runChecks(checks, 1000) };
}

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
    srv = await startMetricsServer(reg, { host: '127.0.0.1', port: 0, ...switchable() });
    expect(srv.port).toBeGreaterThan(0);
    const res = await fetch(srv.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^edgefleet_agent_infer_total\{outcome="ok"\} 3$/m);
    expect((await fetch(srv.url.replace('/metrics', '/nope'))).status).toBe(404);
    expect((await fetch(srv.url, { method: 'POST' })).status).toBe(405);
  });

  it('/livez (and /healthz) answer 200; /readyz 200 while broker and gRPC pass, 503 naming the one that fails', async () => {
    const sw = switchable();
    srv = await startMetricsServer(new Registry(), { host: '127.0.0.1', port: 0, ...sw });
    const at = (p: string) => fetch(srv?.url.replace('/metrics', p) ?? '');
    for (const p of ['/livez', '/healthz']) {
      const r = await at(p);
      expect(r.status, p).toBe(200);
      expect(await r.json(), p).toMatchObject({ status: 'pass' });
    }
    let r = await at('/readyz');
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({
      status: 'pass',
      checks: { broker: { status: 'pass' }, grpc: { status: 'pass' } },
    });
    sw.state.mqtt.connected = false;
    r = await at('/readyz');
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({
      status: 'fail',
      checks: { broker: { status: 'fail', reason: /MQTT broker/ }, grpc: { status: 'pass' } },
    });
    sw.state.mqtt.connected = true;
    sw.state.grpc = false;
    r = await at('/readyz');
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ checks: { grpc: { status: 'fail' } } });
    expect((await at('/livez')).status).toBe(200);
  });

  it('fails with a clear error when the port is taken', async () => {
    srv = await startMetricsServer(new Registry(), { host: '127.0.0.1', port: 0, ...switchable() });
    await expect(
      startMetricsServer(new Registry(), { host: '127.0.0.1', port: srv.port, ...switchable() }),
    ).rejects.toThrow(/cannot bind the metrics server on 127\.0\.0\.1:\d+/);
  });
});
