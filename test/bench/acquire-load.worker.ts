/**
 * The load generator of acquire.bench.ts, in a child process of its own: vehicles never share the
 * coordinator's process, so neither does the load. The same worker runs the raw grpc-js echo
 * client of the peer, so both are measured alike: client here, server elsewhere, the same concurrency.
 *
 * The parent sends one LoadJob over IPC; the child sends back one LoadResult and exits. With
 * --agents, the child is the NEAR sites' agents instead (edge sites are other machines too). With
 * --echo-server, it is the peer's raw grpc-js echo server, in a process of its own as the
 * coordinator is: it answers 'cpu-start' (marks its CPU time) and 'cpu-read' (sends the CPU µs
 * since the mark, all its threads) so the parent measures its CPU per op over the same window.
 */
import * as grpc from '@grpc/grpc-js';
import {
  EdgeControlService,
  GRPC_CHANNEL_OPTIONS,
  GRPC_SERVER_OPTIONS,
  pb,
  type edgefleet,
} from '@edgefleet/proto';
import { BrokerClient } from '../leases/grpc-clients.js';
import { load, type LoadResult } from './support/load.js';

export type { LoadResult };

export type LoadJob =
  | {
      kind: 'acquire';
      endpoint: string;
      token: string;
      request: edgefleet.v1.IAcquireRequest;
      seconds: number;
      warmupSeconds: number;
      concurrency: number;
    }
  | { kind: 'echo'; endpoint: string; seconds: number; warmupSeconds: number; concurrency: number };

/** The NEAR sites' agents: one EdgeControl stream each that admits every offer, until the parent says 'stop'. */
export interface AgentsJob {
  kind: 'agents';
  endpoint: string;
  model: string;
  sites: { siteId: string; secret: string }[];
}

export const ECHO_PATH = '/bench.Echo/Echo';

/** Sent to the parent when the measured run starts (after the warmup), so it can time its own side over the same window. */
export const MEASURING = 'measuring';
const measuring = (): void => void process.send?.(MEASURING);

const ECHO_DEF = {
  echo: {
    path: ECHO_PATH,
    requestStream: false,
    responseStream: false,
    requestSerialize: (b: Buffer) => b,
    requestDeserialize: (b: Buffer) => b,
    responseSerialize: (b: Buffer) => b,
    responseDeserialize: (b: Buffer) => b,
  },
};

/** The peer's raw grpc-js unary echo server (the server options the coordinator's gRPC server uses). */
async function echoServer(): Promise<{ endpoint: string; close: () => void }> {
  const server = new grpc.Server(GRPC_SERVER_OPTIONS);
  server.addService(ECHO_DEF, {
    echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) =>
      cb(null, call.request),
  });
  const port = await new Promise<number>((res, rej) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? rej(e) : res(p),
    ),
  );
  return { endpoint: `127.0.0.1:${port}`, close: () => server.forceShutdown() };
}

/** What the echo server process says: its endpoint once bound, then its CPU µs since 'cpu-start'. */
export type EchoServerMessage = { endpoint: string } | { cpuUs: number };

async function run(job: LoadJob): Promise<LoadResult> {
  if (job.kind === 'acquire') {
    const broker = new BrokerClient(job.endpoint, job.token);
    const acquire = () => broker.acquire(job.request);
    try {
      await load(acquire, job.warmupSeconds, job.concurrency);
      measuring();
      return await load(acquire, job.seconds, job.concurrency);
    } finally {
      broker.close();
    }
  }
  const Ctor = grpc.makeGenericClientConstructor(
    ECHO_DEF as unknown as grpc.ServiceDefinition,
    'Echo',
  );
  const client = new Ctor(
    job.endpoint,
    grpc.credentials.createInsecure(),
    GRPC_CHANNEL_OPTIONS,
  ) as unknown as {
    echo: (b: Buffer, cb: (e: Error | null, r?: Buffer) => void) => void;
    close: () => void;
  };
  // The same size as an Acquire request, roughly.
  const payload = Buffer.alloc(120, 7);
  const call = () =>
    new Promise((res, rej) => client.echo(payload, (e, r) => (e ? rej(e) : res(r))));
  try {
    await load(call, job.warmupSeconds, job.concurrency);
    measuring();
    return await load(call, job.seconds, job.concurrency);
  } finally {
    client.close();
  }
}

/** Slots each bench agent delegates once the parent says 'quota' (its leases are never released). */
export const BENCH_QUOTA_SLOTS = 2000;

/**
 * Connects the agents' streams; returns stop, and grant: from then on each stream grants its replica
 * a capacity quota of BENCH_QUOTA_SLOTS slots (renewed every 5 s, as a real agent renews every ttl / 3).
 */
function agents(job: AgentsJob): { stop: () => void; grant: () => void } {
  const Ctl = grpc.makeGenericClientConstructor(
    EdgeControlService as unknown as grpc.ServiceDefinition,
    'EdgeControl',
  );
  const ctl = new Ctl(
    job.endpoint,
    grpc.credentials.createInsecure(),
    GRPC_CHANNEL_OPTIONS,
  ) as unknown as {
    connect: () => grpc.ClientDuplexStream<
      edgefleet.v1.AgentMessage,
      edgefleet.v1.CoordinatorMessage
    >;
    close: () => void;
  };
  const streams = job.sites.map((s, i) => {
    const st = ctl.connect();
    st.on('data', (m: edgefleet.v1.CoordinatorMessage) => {
      if (m.offer)
        st.write(
          new pb.AgentMessage({
            offer_reply: {
              offer_id: m.offer.offer_id,
              admitted: true,
              slot: `0/${i}`,
              accelerator_model: 'H100 80GB',
              accelerator_serial: `SN${i}`,
              slots_free: 1000,
            },
          }),
        );
    });
    st.on('error', () => undefined);
    st.write(
      new pb.AgentMessage({
        hello: {
          site_id: s.siteId,
          secret: s.secret,
          inference_endpoint: '127.0.0.1:1',
          models: [job.model],
          slots_total: 1000,
          slots_free: 1000,
          agent_version: 'bench',
          // As every real agent does: its leases then carry ef2 (per-site HMAC) tokens, not Ed25519.
          accepts_mac_tokens: true,
        },
      }),
    );
    return st;
  });
  let renewal: NodeJS.Timeout | undefined;
  const grantAll = () => {
    for (const [i, st] of streams.entries())
      st.write(
        new pb.AgentMessage({
          quota: {
            epoch: Date.now(),
            ttl_ms: 15_000,
            slots_free: 1000,
            slots: Array.from({ length: BENCH_QUOTA_SLOTS }, (_, k) => ({
              slot: `0/${k}`,
              accelerator_model: 'H100 80GB',
              accelerator_serial: `SN${i}`,
              isolation: 'whole',
            })),
          },
        }),
      );
  };
  return {
    stop: () => {
      if (renewal) clearInterval(renewal);
      for (const st of streams) st.end();
      ctl.close();
    },
    grant: () => {
      grantAll();
      renewal = setInterval(grantAll, 5_000);
    },
  };
}

// Imported by the bench for its types and ECHO_PATH: only the forked child (with an IPC channel) runs a job.
if (process.send) process.once('disconnect', () => process.exit(0)); // the bench ended
if (process.send && process.argv.includes('--agents')) {
  process.once('message', (job: AgentsJob) => {
    const a = agents(job);
    process.send?.('ready');
    process.on('message', (m) => {
      if (m === 'quota') return a.grant();
      a.stop();
      process.exit(0);
    });
  });
} else if (process.send && process.argv.includes('--echo-server')) {
  echoServer().then(
    (server) => {
      let cpu0 = process.cpuUsage();
      process.on('message', (m: string) => {
        if (m === 'cpu-start') cpu0 = process.cpuUsage();
        else if (m === 'cpu-read') {
          const d = process.cpuUsage(cpu0);
          process.send?.({ cpuUs: d.user + d.system } satisfies EchoServerMessage);
        } else if (m === 'stop') {
          server.close();
          process.exit(0);
        }
      });
      process.send?.({ endpoint: server.endpoint } satisfies EchoServerMessage);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
} else if (process.send && process.argv.includes('--load-worker')) {
  process.once('message', (job: LoadJob) => {
    run(job).then(
      (r) => process.send?.(r, () => process.exit(0)),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
