/**
 * Child process of the inference benchmark: a coordinator and one site on the ONNX backend (the
 * agent as production runs it, in a process of its own, apart from the benchmark's client and peer).
 * Prints one JSON line `{"ready":…}` with the coordinator's gRPC endpoint and a token, then serves
 * until SIGTERM.
 *   inference-site.ts <dataDir> <durability> <intraOpThreads> <slots> <runIn>
 */
import { randomBytes } from 'node:crypto';
import { startSimFleet } from '@edgefleet/agent';
import { createLogger } from '@edgefleet/common';
import { loadCoordinatorConfig, startCoordinator } from '@edgefleet/coordinator';

const [
  dataDir = '',
  durability = 'write-before-answer',
  threads = '1',
  slots = '1',
  runIn = 'auto',
] = process.argv.slice(2);
const log = createLogger('bench-site', 'error');
const adminToken = `adm_${randomBytes(18).toString('base64url')}`;
const coordinator = await startCoordinator(
  loadCoordinatorConfig({
    overrides: {
      dataDir: `${dataDir}/coordinator`,
      http: { port: 0 },
      grpc: { port: 0 },
      mqtt: { port: 0 },
      auth: { tokens: [{ token: adminToken, role: 'admin', name: 'bench' }] },
      routing: { pops: [{ id: 'pop-fra', lat: 50.1, lon: 8.7, region: 'eu-central' }] },
    },
  }),
  { log },
);
const fleet = await startSimFleet({
  sites: 1,
  coordinatorHttp: coordinator.httpUrl,
  token: adminToken,
  dataDir: `${dataDir}/sites`,
  log,
  onnx: {
    sites: 1,
    only: ['ppocr-cls'],
    executionProvider: 'cpu',
    intraOpThreads: Number(threads),
    concurrency: Number(slots),
    runIn: runIn === 'main-thread' || runIn === 'worker' ? runIn : 'auto',
  },
  outbox: {
    durability:
      durability === 'fsync-before-answer' ? 'fsync-before-answer' : 'write-before-answer',
  },
});
await coordinator.ledger.topUp('fleet-bench', 1_000_000_000, 'bench');
console.log(
  JSON.stringify({
    ready: { grpc: coordinator.grpcEndpoint, token: adminToken, pid: process.pid },
  }),
);
process.once('SIGTERM', () => {
  void (async () => {
    await fleet.close();
    await coordinator.close();
    process.exit(0);
  })();
});
