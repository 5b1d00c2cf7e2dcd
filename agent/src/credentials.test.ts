import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@edgefleet/common';
import { loadAgentConfig } from './config.js';
import {
  credentialOverrides,
  GrpcTlsFileMissingError,
  readCredentials,
  writeCredentials,
  type Credentials,
} from './credentials.js';
import { GRPC_TLS_FILES } from './grpc-tls.js';

const base: Credentials = {
  siteId: 'site-1',
  secret: 's'.repeat(32),
  coordinator: { grpc: '127.0.0.1:50051', http: 'http://127.0.0.1:8080' },
  mqtt: { url: 'mqtt://127.0.0.1:1884' },
  signingKeys: [],
  location: { lat: 1, lon: 2, region: 'eu' },
  enrolledAt: '2026-01-01T00:00:00.000Z',
};
const tls = {
  mode: 'mtls' as const,
  caPem: '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n',
  certPem: '-----BEGIN CERTIFICATE-----\nSITE\n-----END CERTIFICATE-----\n',
  keyPem: '-----BEGIN PRIVATE KEY-----\nK\n-----END PRIVATE KEY-----\n',
};

describe('credentials with gRPC TLS', () => {
  it('writes the CA, client certificate and key as 0600 files beside credentials.json (which keeps only the mode) and reads them back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ef-creds-'));
    writeCredentials(dir, { ...base, grpcTls: tls });
    for (const f of [...Object.values(GRPC_TLS_FILES), 'credentials.json'])
      expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
    expect(readFileSync(join(dir, GRPC_TLS_FILES.key), 'utf8')).toBe(tls.keyPem);
    expect(JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')).grpcTls).toEqual({
      mode: 'mtls',
    });
    expect(readCredentials(dir)).toEqual({ ...base, grpcTls: tls });
  });

  it('tls mode stores only the CA; off stores nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ef-creds-'));
    writeCredentials(dir, { ...base, grpcTls: { mode: 'tls', caPem: tls.caPem } });
    expect(readCredentials(dir).grpcTls).toEqual({ mode: 'tls', caPem: tls.caPem });
    expect(() => statSync(join(dir, GRPC_TLS_FILES.cert))).toThrow();
    const off = mkdtempSync(join(tmpdir(), 'ef-creds-'));
    writeCredentials(off, base);
    expect(readCredentials(off)).toEqual(base);
  });

  it('tls mode with a site certificate (Inference TLS) stores it and says so in credentials.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ef-creds-'));
    const site = { ...tls, mode: 'tls' as const };
    writeCredentials(dir, { ...base, grpcTls: site });
    expect(JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')).grpcTls).toEqual({
      mode: 'tls',
      siteCert: true,
    });
    expect(readCredentials(dir)).toEqual({ ...base, grpcTls: site });
    // Renewed without a certificate: the old files are left but no longer read.
    writeCredentials(dir, { ...base, grpcTls: { mode: 'tls', caPem: tls.caPem } });
    expect(readCredentials(dir).grpcTls).toEqual({ mode: 'tls', caPem: tls.caPem });
  });

  it('a missing PEM file is GRPC_TLS_FILE_MISSING naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ef-creds-'));
    writeCredentials(dir, { ...base, grpcTls: tls });
    rmSync(join(dir, GRPC_TLS_FILES.key));
    expect(() => readCredentials(dir)).toThrow(GrpcTlsFileMissingError);
    expect(() => readCredentials(dir)).toThrow(join(dir, GRPC_TLS_FILES.key));
  });

  it('the agent settings take the TLS material from the credentials; mtls without a certificate is a config error at coordinator.tls.certPem', () => {
    const cfg = loadAgentConfig({
      env: {},
      overrides: credentialOverrides('/tmp/x', { ...base, grpcTls: tls }),
    });
    expect(cfg.coordinator.tls).toEqual(tls);
    expect(
      loadAgentConfig({ env: {}, overrides: credentialOverrides('/tmp/x', base) }).coordinator.tls,
    ).toEqual({ mode: 'off' });
    try {
      loadAgentConfig({
        env: {},
        overrides: credentialOverrides('/tmp/x', {
          ...base,
          grpcTls: { mode: 'mtls', caPem: tls.caPem },
        }),
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).issues.map((i) => i.path)).toEqual([
        'coordinator.tls.certPem',
        'coordinator.tls.keyPem',
      ]);
    }
  });
});
