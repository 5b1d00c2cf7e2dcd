import type { HealthCheck } from '@edgefleet/common';
import type { Queryable } from '../db/index.js';
import type { MessageBus } from '../transport/bus.js';

/**
 * What a coordinator replica needs to serve (GET /readyz, and the systemd watchdog, which pings only
 * while every check passes):
 * - database: the ledger answers `SELECT 1` within the timeout (a lost or refused connection
 *   fails with DATABASE_UNAVAILABLE; a wedged one by the timeout);
 * - broker: its MQTT bus is up (embedded broker listening, or connected to the external one);
 * - grpc: its gRPC server is bound and not shutting down.
 * Liveness (/livez) checks none of these: a replica whose database is away is alive and waits.
 */
export function coordinatorChecks(d: {
  db: Pick<Queryable, 'query'>;
  bus: Pick<MessageBus, 'connected'>;
  grpcListening: () => boolean;
}): HealthCheck[] {
  return [
    {
      name: 'database',
      check: async () => {
        await d.db.query('SELECT 1');
        return true as const;
      },
    },
    { name: 'broker', check: () => d.bus.connected() || 'not connected to the MQTT broker' },
    { name: 'grpc', check: () => d.grpcListening() || 'gRPC server not listening' },
  ];
}
