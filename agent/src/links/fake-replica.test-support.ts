import * as grpc from '@grpc/grpc-js';
import {
  EdgeControlService,
  GRPC_SERVER_OPTIONS,
  pb,
  shutdownGrpcServer,
  type edgefleet,
} from '@edgefleet/proto';

type Stream = grpc.ServerDuplexStream<edgefleet.v1.AgentMessage, edgefleet.v1.CoordinatorMessage>;

/** A stand-in coordinator replica on a real gRPC port: welcomes every hello and records what it gets. */
export async function fakeReplica(name: string) {
  const got: edgefleet.v1.AgentMessage[] = [];
  const streams: Stream[] = [];
  const server = new grpc.Server(GRPC_SERVER_OPTIONS);
  server.addService(EdgeControlService, {
    connect: (stream: Stream) => {
      streams.push(stream);
      stream.on('data', (m: edgefleet.v1.AgentMessage) => {
        got.push(m);
        if (m.hello)
          stream.write(
            new pb.CoordinatorMessage({
              welcome: { site_id: m.hello.site_id, server_time_ms: Date.now() },
            }),
          );
      });
      stream.on('error', () => undefined);
      stream.on('end', () => stream.end());
    },
  });
  const port = await new Promise<number>((res, rej) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? rej(e) : res(p),
    ),
  );
  return {
    name,
    got,
    target: `127.0.0.1:${port}`,
    offer: (offerId: string) =>
      streams
        .at(-1)
        ?.write(
          new pb.CoordinatorMessage({ offer: { offer_id: offerId, lease_id: `l-${offerId}` } }),
        ),
    stop: () => {
      for (const s of streams) s.end();
      return shutdownGrpcServer(server, 200);
    },
  };
}

export const until = async (ok: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 10));
  }
};
