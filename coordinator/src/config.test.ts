import { describe, expect, it } from 'vitest';
import { ConfigError } from '@edgefleet/common';
import { loadCoordinatorConfig } from './config.js';

const issues = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error('no ConfigError');
};

describe('coordinator config: grpc.tls', () => {
  it('defaults to off (plaintext), with no files', () => {
    expect(loadCoordinatorConfig({ env: {} }).grpc.tls).toEqual({
      mode: 'off',
      serverNames: [],
      clientCertDays: 365,
    });
  });

  it('takes the mode and extra server names from the environment', () => {
    const c = loadCoordinatorConfig({
      env: {
        EDGEFLEET_COORDINATOR_GRPC__TLS__MODE: 'mtls',
        EDGEFLEET_COORDINATOR_GRPC__TLS__SERVER_NAMES: 'coord.example.net, 10.0.0.5',
      },
    });
    expect(c.grpc.tls.mode).toBe('mtls');
    expect(c.grpc.tls.serverNames).toEqual(['coord.example.net', '10.0.0.5']);
  });

  it('refuses an unknown mode and half-given file pairs, naming each setting', () => {
    expect(
      issues(() =>
        loadCoordinatorConfig({ env: {}, overrides: { grpc: { tls: { mode: 'on' } } } }),
      )[0]?.path,
    ).toBe('grpc.tls.mode');
    expect(
      issues(() =>
        loadCoordinatorConfig({
          env: {},
          overrides: {
            grpc: {
              tls: { mode: 'tls', certFile: '/etc/ef/server.pem', caFile: '/etc/ef/ca.pem' },
            },
          },
        }),
      ),
    ).toEqual([
      {
        path: 'grpc.tls.keyFile',
        message: 'certFile and keyFile go together: set both or neither',
      },
    ]);
    expect(
      issues(() =>
        loadCoordinatorConfig({
          env: {},
          overrides: { grpc: { tls: { mode: 'tls', certFile: '/a', keyFile: '/b' } } },
        }),
      ).map((i) => i.path),
    ).toEqual(['grpc.tls.caFile']);
    expect(
      issues(() =>
        loadCoordinatorConfig({
          env: {},
          overrides: { grpc: { tls: { mode: 'mtls', clientCaKeyFile: '/k' } } },
        }),
      ).map((i) => i.path),
    ).toEqual(['grpc.tls.clientCaFile']);
  });
});

describe('coordinator config: noc.computeSloMs', () => {
  it('defaults to 50 ms and takes EDGEFLEET_COORDINATOR_NOC__COMPUTE_SLO_MS from the environment', () => {
    expect(loadCoordinatorConfig({ env: {} }).noc.computeSloMs).toBe(50);
    expect(
      loadCoordinatorConfig({ env: { EDGEFLEET_COORDINATOR_NOC__COMPUTE_SLO_MS: '120' } }).noc
        .computeSloMs,
    ).toBe(120);
  });

  it('refuses a compute SLO that is not a positive number, naming the setting', () => {
    for (const bad of ['0', '-5', 'fast'])
      expect(
        issues(() =>
          loadCoordinatorConfig({ env: { EDGEFLEET_COORDINATOR_NOC__COMPUTE_SLO_MS: bad } }),
        ).map((i) => i.path),
      ).toEqual(['noc.computeSloMs']);
  });
});
