import { createServer, type AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { Admission } from './admission.js';
import { agentHandle } from './agent-handle.js';
import { agentConfigSchema } from './config.js';
import { SigningKeys } from './control/signing-keys.js';
import { ControlLinks } from './links/control-links.js';
import { createSiteUplink } from './links/site-uplink.js';
import { openOutbox, type FileOutbox } from './outbox/index.js';
import { SITE, burn, tempDir } from './outbox/testdata/burns.js';

const log = createLogger('test', 'silent');
const opened: FileOutbox[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) if (!o.broken) await o.close().catch(() => undefined);
});

/** A port nothing listens on: the MQTT link and the EdgeControl stream stay down. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function parts() {
  const port = await closedPort();
  const config = agentConfigSchema.parse({
    siteId: SITE,
    secret: 'handle-test-secret-0123456789',
    coordinator: { grpc: `127.0.0.1:${port}` },
    mqtt: { url: `mqtt://127.0.0.1:${port}` },
  });
  const order: string[] = [];
  const outbox = await openOutbox({ dir: await tempDir(), siteId: SITE, capacity: 100 });
  opened.push(outbox);
  const admission = new Admission(['llama-3-8b'], 1);
  let upstream: true | string = 'upstream down';
  const uplink = createSiteUplink(config, {
    site: {
      siteId: SITE,
      secret: config.secret,
      inferenceEndpoint: '127.0.0.1:50051',
      inferenceTls: true,
      models: ['llama-3-8b'],
      location: config.location,
    },
    admission,
    keys: new SigningKeys([]),
    outbox,
    signingKey: () => undefined,
    log,
    onBadMessage: () => undefined,
  });
  let listening = true;
  const registry = new Registry();
  const handle = agentHandle({
    siteId: SITE,
    inference: {
      endpoint: '127.0.0.1:50051',
      tls: true,
      listening: () => listening,
      close: async () => {
        listening = false;
        order.push('inference');
      },
    },
    siteBackend: {
      backend: {
        kind: 'http',
        infer: () => Promise.reject(new Error('not called')),
        health: () => upstream,
      },
      models: ['llama-3-8b'],
      info: { kind: 'http' },
      close: async () => void order.push('backend'),
    },
    outbox,
    admission,
    metrics: registry,
    uplink,
    control: new ControlLinks({
      targets: [config.coordinator.grpc],
      log,
      hello: () => ({ site_id: SITE }),
      onMessage: () => undefined,
      backoff: { baseMs: 10, maxMs: 20 },
    }),
    telemetry: { stop: () => void order.push('telemetry') },
  });
  return { handle, order, outbox, registry, setUpstream: (h: true | string) => (upstream = h) };
}

describe('agentHandle', () => {
  it('names the parts it was given', async () => {
    const { handle, outbox, registry } = await parts();
    expect(handle).toMatchObject({
      siteId: SITE,
      inferenceEndpoint: '127.0.0.1:50051',
      inferenceTls: true,
      models: ['llama-3-8b'],
      backend: { kind: 'http' },
    });
    expect(handle.outbox).toBe(outbox);
    expect(handle.metrics).toBe(registry);
    expect(handle.control.status()).toHaveLength(1);
    await handle.flushBurns(); // MQTT down: nothing to publish over, and it still resolves
    await handle.close();
  });

  it('readiness checks the broker, Inference gRPC and the backend; liveness follows Inference gRPC only', async () => {
    const { handle, setUpstream } = await parts();
    const ready = await handle.readiness();
    expect(ready.status).toBe('fail');
    expect(Object.keys(ready.checks).sort()).toEqual(['backend', 'broker', 'grpc']);
    expect(ready.checks['backend']).toMatchObject({ status: 'fail', reason: 'upstream down' });
    expect(ready.checks['broker']?.status).toBe('fail');
    expect(ready.checks['grpc']?.status).toBe('pass');
    const live = await handle.liveness();
    // The broker is down here and liveness still passes: a restart would not bring it back.
    expect(Object.keys(live.checks)).toEqual(['grpc']);
    expect(live.status).toBe('pass');

    setUpstream(true);
    expect((await handle.readiness()).checks['backend']?.status).toBe('pass');
    await handle.close();
    expect((await handle.liveness()).checks['grpc']).toMatchObject({ status: 'fail' });
  });

  it('close stops telemetry first, then inference and the backend, and closes the outbox', async () => {
    const { handle, order, outbox } = await parts();
    await handle.close();
    expect(order).toEqual(['telemetry', 'inference', 'backend']);
    await expect(outbox.append(burn(1))).rejects.toThrow();
  });
});
