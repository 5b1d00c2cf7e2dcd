import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoordinatorMetrics } from '../metrics.js';
import { grpcCodeName, rpcMetricsInterceptor } from './rpc-metrics.js';

const bytes = {
  requestSerialize: (b: Buffer) => b,
  requestDeserialize: (b: Buffer) => b,
  responseSerialize: (b: Buffer) => b,
  responseDeserialize: (b: Buffer) => b,
};
const def = {
  echo: { path: '/t.v1.Echo/Echo', requestStream: false, responseStream: false, ...bytes },
  ticks: { path: '/t.v1.Echo/Ticks', requestStream: false, responseStream: true, ...bytes },
} satisfies grpc.ServiceDefinition;

describe('rpcMetricsInterceptor (a real gRPC server and client)', () => {
  const m = createCoordinatorMetrics();
  const server = new grpc.Server({ interceptors: [rpcMetricsInterceptor(m)] });
  let client: grpc.Client & Record<string, (...a: unknown[]) => unknown>;

  beforeAll(async () => {
    server.addService(def, {
      echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
        if (call.request.toString() === 'fail')
          cb({ code: grpc.status.NOT_FOUND, details: 'no such thing' });
        else cb(null, call.request);
      },
      ticks: (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
        if (call.request.toString() === 'refuse') {
          call.emit('error', { code: grpc.status.PERMISSION_DENIED, details: 'no' });
          return;
        }
        call.write(Buffer.from('1'));
        call.end();
      },
    });
    const port = await new Promise<number>((res, rej) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
        e ? rej(e) : res(p),
      ),
    );
    const Client = grpc.makeGenericClientConstructor(def, 'Echo');
    client = new Client(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    ) as unknown as typeof client;
  });
  afterAll(() => {
    client.close();
    server.forceShutdown();
  });

  const unary = (body: string) =>
    new Promise<grpc.ServiceError | null>((res) =>
      (client.echo as (b: Buffer, cb: (e: grpc.ServiceError | null) => void) => void)(
        Buffer.from(body),
        (e) => res(e),
      ),
    );
  const stream = (body: string) =>
    new Promise<number>((res) => {
      const s = (client.ticks as (b: Buffer) => grpc.ClientReadableStream<Buffer>)(
        Buffer.from(body),
      );
      s.on('data', () => undefined);
      s.on('status', (st: grpc.StatusObject) => res(st.code));
      s.on('error', () => undefined);
    });

  const value = async (name: string, labels: Record<string, string>) => {
    // A histogram's series (_count, _sum, _bucket) sit under its base name, each with metricName.
    const metrics = await m.registry.getMetricsAsJSON();
    const metric =
      metrics.find((x) => x.name === name) ?? metrics.find((x) => name.startsWith(`${x.name}_`));
    const hit = metric?.values.find(
      (v) =>
        ((v as { metricName?: string }).metricName ?? metric.name) === name &&
        Object.entries(labels).every(([k, want]) => v.labels[k] === want),
    );
    return hit?.value ?? 0;
  };

  it('counts unary calls by status code and times them', async () => {
    expect(await unary('hi')).toBeNull();
    expect(await unary('hi')).toBeNull();
    expect((await unary('fail'))?.code).toBe(grpc.status.NOT_FOUND);
    const base = { grpc_service: 't.v1.Echo', grpc_method: 'Echo', grpc_type: 'unary' };
    expect(await value('edgefleet_grpc_server_started_total', base)).toBe(3);
    expect(await value('edgefleet_grpc_server_handled_total', { ...base, grpc_code: 'OK' })).toBe(
      2,
    );
    expect(
      await value('edgefleet_grpc_server_handled_total', { ...base, grpc_code: 'NOT_FOUND' }),
    ).toBe(1);
    expect(
      await value('edgefleet_grpc_server_handling_seconds_count', {
        grpc_service: 't.v1.Echo',
        grpc_method: 'Echo',
      }),
    ).toBe(3);
  });

  it('counts a stream as handled when it ends, with the status it ended with', async () => {
    expect(await stream('go')).toBe(grpc.status.OK);
    expect(await stream('refuse')).toBe(grpc.status.PERMISSION_DENIED);
    const base = { grpc_service: 't.v1.Echo', grpc_method: 'Ticks', grpc_type: 'server_stream' };
    expect(await value('edgefleet_grpc_server_started_total', base)).toBe(2);
    expect(await value('edgefleet_grpc_server_handled_total', { ...base, grpc_code: 'OK' })).toBe(
      1,
    );
    expect(
      await value('edgefleet_grpc_server_handled_total', {
        ...base,
        grpc_code: 'PERMISSION_DENIED',
      }),
    ).toBe(1);
  });

  it('names status codes as the gRPC conventions do', () => {
    expect(grpcCodeName(0)).toBe('OK');
    expect(grpcCodeName(14)).toBe('UNAVAILABLE');
    expect(grpcCodeName(99)).toBe('UNKNOWN');
  });
});
