import { createServer, type Server } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGrpcTls } from './doctor-tls.js';

// Plaintext peers and a closed port, over real sockets. The TLS cases (handshake ok, CA mismatch,
// certificate expired) need a coordinator's CA: test/security/grpc-tls.test.ts.
describe('doctor: gRPC TLS check', () => {
  let plain: grpc.Server;
  let plainTarget = '';
  let closedTarget = '';

  beforeAll(async () => {
    plain = new grpc.Server();
    const port = await new Promise<number>((res, rej) =>
      plain.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
        e ? rej(e) : res(p),
      ),
    );
    plainTarget = `127.0.0.1:${port}`;
    const s: Server = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    const a = s.address();
    closedTarget = `127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    await new Promise<void>((r) => s.close(() => r()));
  });
  afterAll(() => plain?.forceShutdown());

  it('plaintext site and coordinator: a warning that says plaintext, with how to turn TLS on', async () => {
    expect(await checkGrpcTls(plainTarget, { mode: 'off' }, 3000)).toMatchObject({
      level: 'warn',
      detail: expect.stringMatching(/^plaintext: /),
      fix: expect.stringMatching(/grpc\.tls\.mode/),
    });
  });

  it('a site that expects TLS against a plaintext coordinator: fail, "plaintext"', async () => {
    for (const mode of ['tls', 'mtls'] as const) {
      const r = await checkGrpcTls(plainTarget, { mode, caPem: 'unused' }, 3000);
      expect(r).toMatchObject({
        level: 'fail',
        detail: expect.stringMatching(
          new RegExp(`^plaintext: .* does not speak TLS .* expects ${mode}`),
        ),
      });
    }
  });

  it('nothing listening: fail, no TLS answer, open the port', async () => {
    expect(await checkGrpcTls(closedTarget, { mode: 'tls', caPem: 'unused' }, 3000)).toMatchObject({
      level: 'fail',
      detail: expect.stringMatching(/^no TLS answer from /),
      fix: expect.stringMatching(/open the gRPC port/),
    });
  });
});
