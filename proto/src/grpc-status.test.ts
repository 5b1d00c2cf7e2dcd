import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseBrokerService, EdgeControlService, InferenceService } from './grpc.js';
import { pb } from './messages.js';
import { endStreamWithStatus, MAX_STATUS_DETAILS, statusDetails } from './grpc-status.js';

/** Regression: refusing a stream with destroy(err) left the client waiting for its deadline. */
describe('endStreamWithStatus over a real socket', () => {
  const server = new grpc.Server();
  let client: grpc.Client;
  beforeAll(async () => {
    server.addService(LeaseBrokerService as unknown as grpc.ServiceDefinition, {
      watch: (call: grpc.ServerWritableStream<unknown, unknown>) =>
        endStreamWithStatus(call, grpc.status.NOT_FOUND, 'UNKNOWN_HOLD: no live lease hold x'),
    });
    server.addService(InferenceService as unknown as grpc.ServiceDefinition, {
      infer: (_call: unknown, cb: grpc.sendUnaryData<unknown>) =>
        cb({
          code: grpc.status.PERMISSION_DENIED,
          details: statusDetails(`LEASE_WRONG_MODEL: ${'m'.repeat(1_000_000)}`),
        }),
    });
    server.addService(EdgeControlService as unknown as grpc.ServiceDefinition, {
      connect: (call: grpc.ServerDuplexStream<unknown, unknown>) =>
        call.on('data', () =>
          endStreamWithStatus(
            call,
            grpc.status.UNAUTHENTICATED,
            'UNAUTHENTICATED: bad site credentials',
          ),
        ),
    });
    const port = await new Promise<number>((res, rej) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
        e ? rej(e) : res(p),
      ),
    );
    client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });
  afterAll(() => {
    client.close();
    server.forceShutdown();
  });

  const statusOf = (
    s: grpc.ClientReadableStream<unknown> | grpc.ClientDuplexStream<unknown, unknown>,
  ) =>
    new Promise<grpc.StatusObject>((resolve) => {
      s.on('data', () => undefined);
      s.on('error', () => undefined);
      s.on('status', resolve);
    });

  it('a server stream gets the status, not a deadline', async () => {
    const m = LeaseBrokerService.watch;
    const s = client.makeServerStreamRequest(
      m.path,
      m.requestSerialize,
      m.responseDeserialize,
      new pb.WatchRequest({ hold_id: 'x' }),
      new grpc.Metadata(),
      { deadline: Date.now() + 20_000 },
    );
    const st = await statusOf(s);
    expect(st.code).toBe(grpc.status.NOT_FOUND);
    expect(st.details).toBe('UNKNOWN_HOLD: no live lease hold x');
  });

  it('a unary error whose details echo 1 MB of input still reaches the client (bounded details)', async () => {
    const m = InferenceService.infer;
    const st = await new Promise<grpc.ServiceError | null>((resolve) => {
      client.makeUnaryRequest(
        m.path,
        m.requestSerialize,
        m.responseDeserialize,
        new pb.InferRequest({}),
        new grpc.Metadata(),
        { deadline: Date.now() + 20_000 },
        (err) => resolve(err),
      );
    });
    expect(st?.code).toBe(grpc.status.PERMISSION_DENIED);
  });

  it('bounds details that echo caller input', () => {
    expect(statusDetails('UNKNOWN_HOLD: x')).toBe('UNKNOWN_HOLD: x');
    const long = statusDetails(`UNKNOWN_HOLD: ${'x'.repeat(1_000_000)}`);
    expect(long.length).toBeLessThan(MAX_STATUS_DETAILS + 50);
    expect(long).toMatch(/^UNKNOWN_HOLD: x+… \(\d+ more characters\)$/);
  });

  it('a bidi stream gets the status after its first message', async () => {
    const m = EdgeControlService.connect;
    const s = client.makeBidiStreamRequest(
      m.path,
      m.requestSerialize,
      m.responseDeserialize,
      new grpc.Metadata(),
      { deadline: Date.now() + 20_000 },
    );
    const st = statusOf(s);
    s.write(new pb.AgentMessage({ hello: { site_id: 's', secret: 'wrong' } }));
    expect((await st).code).toBe(grpc.status.UNAUTHENTICATED);
  });
});
