import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema } from '../config.js';
import { grpcTlsFromConfig } from './tls-from-config.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'ef-grpc-tls-config-'));
const config = (grpc: Record<string, unknown>) =>
  coordinatorConfigSchema.parse({ dataDir: '/tmp/unused', grpc });

function quietLog() {
  const log = createLogger('test', 'silent');
  return { log, info: vi.spyOn(log, 'info'), warn: vi.spyOn(log, 'warn') };
}

describe('grpcTlsFromConfig', () => {
  it('is plaintext, and says nothing, when grpc.tls.mode is off', async () => {
    const { log, info, warn } = quietLog();
    expect(await grpcTlsFromConfig(config({}), tmp(), log)).toBeUndefined();
    expect([info.mock.calls.length, warn.mock.calls.length]).toEqual([0, 0]);
  });

  it('self-managed: a server certificate for the advertised host and the extra names, logged once, no warning', async () => {
    const { log, info, warn } = quietLog();
    const tls = await grpcTlsFromConfig(
      config({
        host: '0.0.0.0',
        advertise: 'coord.example:50051',
        tls: { mode: 'mtls', serverNames: ['grpc.internal'] },
      }),
      tmp(),
      log,
    );
    expect(tls?.mode).toBe('mtls');
    expect(tls?.issuesSiteCertificates).toBe(true);
    const san = new X509Certificate(readFileSync(tls?.files.cert ?? '')).subjectAltName ?? '';
    expect(san).toContain('DNS:coord.example');
    expect(san).toContain('DNS:grpc.internal');
    expect(info).toHaveBeenCalledWith(expect.objectContaining({ mode: 'mtls' }), 'gRPC TLS on');
    expect(warn).not.toHaveBeenCalled();
  });

  it('warns when an operator certificate comes without a CA key to sign site certificates', async () => {
    const pki = tmp();
    await grpcTlsFromConfig(config({ tls: { mode: 'mtls' } }), pki, quietLog().log);
    const f = (n: string) => join(pki, 'grpc-tls', n);
    const { log, warn } = quietLog();
    const tls = await grpcTlsFromConfig(
      config({
        tls: {
          mode: 'tls',
          certFile: f('server.pem'),
          keyFile: f('server.key'),
          caFile: f('ca.pem'),
        },
      }),
      tmp(),
      log,
    );
    expect(tls?.issuesSiteCertificates).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/no CA key to sign site certificates/);
  });
});
