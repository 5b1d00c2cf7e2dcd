import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { runTs, type Proc } from './processes.js';

export interface CoordinatorProc {
  proc: Proc;
  http: string;
  grpc: string;
  mqtt: string;
  adminToken: string;
  dataDir: string;
  api<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
}

/**
 * `edgefleet-coordinator` from this checkout's TypeScript sources, with PGlite's WASM on V8's
 * baseline compiler as in the test processes (wasm-baseline.setup.ts).
 */
const fromSource = (args: string[]): Proc =>
  runTs('coordinator/src/cli.ts', args, {}, ['--liftoff-only']);

/**
 * Starts `edgefleet-coordinator run` as a separate process on ephemeral ports; `launch` runs
 * another build of it (the installed package's launcher, in test/release/).
 */
export async function startCoordinatorProcess(
  settings: Record<string, unknown> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'ef-coord-')),
  launch: (args: string[]) => Proc = fromSource,
): Promise<CoordinatorProc> {
  // Prefixed: a token that starts with '-' would read as an option on a command line.
  const adminToken = `adm_${randomBytes(18).toString('base64url')}`;
  const cfgFile = join(dataDir, 'settings.json');
  writeFileSync(
    cfgFile,
    JSON.stringify({
      dataDir,
      http: { port: 0 },
      grpc: { port: 0 },
      mqtt: { port: 0 },
      auth: { tokens: [{ token: adminToken, role: 'admin', name: 'e2e' }] },
      reconcile: { schedule: '* * * * * *' },
      leases: { settleMs: 1500 },
      liveness: { telemetryStaleMs: 3000, offlineAfterMs: 6000, sweepIntervalMs: 200 },
      ...settings,
    }),
  );
  const proc = launch(['run', '--config', cfgFile]);
  // Generous: on the shared 2-core box (load average 25–30) a cold tsx start alone can pass 60 s.
  const m = await proc.waitFor(/NOC \+ REST\s+(\S+)\n\s+gRPC\s+(\S+)\n\s+MQTT\s+(\S+)/, 180_000);
  const http = m[1] as string;
  return {
    proc,
    http,
    grpc: m[2] as string,
    mqtt: m[3] as string,
    adminToken,
    dataDir,
    async api<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(http + path, {
        method,
        headers: {
          authorization: `Bearer ${adminToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
  };
}
