import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema } from '../config.js';
import { startCoordinator, type Coordinator } from '../coordinator.js';
import type { Role } from './auth.js';

export const ROLE_TOKENS: Record<Role, string> = {
  viewer: 'viewer-token-0123456789abcdef',
  installer: 'installer-token-0123456789abcd',
  operator: 'operator-token-0123456789abcde',
  admin: 'admin-token-0123456789abcdefgh',
};

/** A real coordinator (embedded broker, PGlite in a temp dir, ephemeral ports) with one token per role. */
export async function startTestCoordinator(): Promise<Coordinator & { call(method: string, path: string, o?: { role?: Role; body?: unknown; headers?: Record<string, string> }): Promise<Response> }> {
  const config = coordinatorConfigSchema.parse({
    dataDir: mkdtempSync(join(tmpdir(), 'ef-http-')),
    http: { port: 0 }, grpc: { port: 0 }, mqtt: { port: 0 },
    reconcile: { enabled: false },
    auth: { tokens: (Object.entries(ROLE_TOKENS) as [Role, string][]).map(([role, token]) => ({ token, role, name: role })) },
  });
  const c = await startCoordinator(config, { log: createLogger('test', 'error') });
  return Object.assign(c, {
    call(method: string, path: string, o: { role?: Role; body?: unknown; headers?: Record<string, string> } = {}) {
      return fetch(c.httpUrl + path, {
        method,
        headers: { ...(o.role ? { authorization: `Bearer ${ROLE_TOKENS[o.role]}` } : {}), ...(o.body === undefined ? {} : { 'content-type': 'application/json' }), ...o.headers },
        ...(o.body === undefined ? {} : { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) }),
      });
    },
  });
}
