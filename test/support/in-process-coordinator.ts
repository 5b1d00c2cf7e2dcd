import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema, startCoordinator } from '@edgefleet/coordinator';

export type InProcessCoordinator = Awaited<ReturnType<typeof startCoordinator>>;

/**
 * A real coordinator in the test's own process: a fresh data directory (embedded PGlite), every
 * port ephemeral, reconciliation off (the test drives it), the staff `tokens` given, logging errors
 * only. `settings` adds or replaces top-level settings (liveness, market, …).
 */
export function startInProcessCoordinator(
  name: string,
  tokens: { token: string; role: 'viewer' | 'installer' | 'operator' | 'admin' }[],
  settings: Record<string, unknown> = {},
): Promise<InProcessCoordinator> {
  return startCoordinator(
    coordinatorConfigSchema.parse({
      dataDir: mkdtempSync(join(tmpdir(), `ef-${name}-`)),
      http: { port: 0 },
      grpc: { port: 0 },
      mqtt: { port: 0 },
      reconcile: { enabled: false },
      auth: { tokens },
      ...settings,
    }),
    { log: createLogger(`${name}-test`, 'error') },
  );
}
