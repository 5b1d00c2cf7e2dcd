/**
 * Child process of the inference benchmark: a coordinator and one site on the ONNX backend (the
 * agent as production runs it, in a process of its own, apart from the benchmark's client and peer).
 * Also the transport floor: a do-nothing Inference server in the same process (decodes the request,
 * answers a fixed 2-float output, no token, no run, no burn). Prints one JSON line `{"ready":…}` with
 * the coordinator's gRPC endpoint, a token and the floor's endpoint, then serves until SIGTERM.
 *   inference-site.ts <dataDir> <durability> <intraOpThreads> <slots> <runIn>
 */
import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { startSimFleet } from '@edgefleet/agent';
import { createLogger } from '@edgefleet/common';
import { loadCoordinatorConfig, startCoordinator } from '@edgefleet/coordinator';
import { GRPC_SERVER_OPTIONS, InferenceService, pb } from '@edgefleet/proto';

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
const floor = new grpc.Server(GRPC_SERVER_OPTIONS);
const floorAnswer = new pb.InferResponse({
  outputs: [
    { name: 'softmax_0.tmp_0', datatype: 'FP32', shape: [1, 2], raw_contents: new Uint8Array(8) },
  ],
});
floor.addService(InferenceService as unknown as grpc.ServiceDefinition, {
  infer: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, floorAnswer),
});
const floorPort = await new Promise<number>((resolve, reject) =>
  floor.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
    e ? reject(e) : resolve(p),
  ),
);
console.log(
  JSON.stringify({
    ready: {
      grpc: coordinator.grpcEndpoint,
      token: adminToken,
      floor: `127.0.0.1:${floorPort}`,
      pid: process.pid,
    },
  }),
);
process.once('SIGTERM', () => {
  void (async () => {
    floor.forceShutdown();
    await fleet.close();
    await coordinator.close();
    process.exit(0);
  })();
});
