import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema } from '../config.js';
import type { LeaseService } from '../leases/lease-service.js';
import { createCoordinatorMetrics } from '../metrics.js';
import type { EdgeControlHub } from './edge-control.js';
import { startLeaseBroker, type LeaseBroker } from './lease-broker.js';

const started: LeaseBroker[] = [];
afterEach(async () => {
  for (const b of started.splice(0)) await b.close();
});

describe('startLeaseBroker (the gRPC side, started and stopped)', () => {
  it('listens on an ephemeral port, advertises it, and on close stops listening and closes the EdgeControl streams', async () => {
    const config = coordinatorConfigSchema.parse({ dataDir: '/tmp/unused', grpc: { port: 0 } });
    let streamsClosed = 0;
    const hub = { closeAll: () => void streamsClosed++ } as unknown as EdgeControlHub;
    const broker = await startLeaseBroker(config, {
      leases: {} as LeaseService, // no call reaches it here
      hub,
      customerOf: () => undefined,
      tls: undefined,
      metrics: createCoordinatorMetrics(),
      log: createLogger('test', 'silent'),
      notices: [],
    });
    expect(broker.listening()).toBe(true);
    expect(broker.endpoint).toMatch(new RegExp(`^${config.grpc.host}:[1-9][0-9]*$`));
    await broker.close();
    expect(broker.listening()).toBe(false);
    expect(streamsClosed).toBe(1);
  });
});
