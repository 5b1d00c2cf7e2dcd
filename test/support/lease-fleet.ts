import { EdgefleetClient } from '@edgefleet/client';
import { startCoordinatorProcess, type CoordinatorProc } from './coordinator-process.js';
import { eventually } from './processes.js';
import { startAgentProcess, type AgentProc } from './site-agent.js';

export interface LeaseFleet {
  coord: CoordinatorProc;
  agents: AgentProc[];
  /** A vehicle of `customer`, with the admin token. */
  client: EdgefleetClient;
  close(): Promise<void>;
}

/**
 * A coordinator process with one PoP (pop-fra), one agent process per name, all online, and a
 * customer topped up: the setup of the lease tests that kill or revoke a site under a vehicle.
 */
export async function startLeaseFleet(
  names: string[],
  customer: string,
  microTokens: number,
  agentSettings: Record<string, unknown> = {},
  /** More of the coordinator's settings (top-level keys beside routing). */
  coordinatorSettings: Record<string, unknown> = {},
): Promise<LeaseFleet> {
  const coord = await startCoordinatorProcess({
    routing: { pops: [{ id: 'pop-fra', lat: 50.1, lon: 8.7 }] },
    ...coordinatorSettings,
  });
  const agents = await Promise.all(names.map((n) => startAgentProcess(coord, n, agentSettings)));
  await eventually(
    () => coord.api<{ items: { state: string }[] }>('GET', '/api/v1/sites'),
    (r) => r.body.items.filter((s) => s.state === 'online').length === names.length,
    30_000,
  );
  const topup = await coord.api('POST', `/api/v1/customers/${customer}/topup`, { microTokens });
  if (topup.status !== 200) throw new Error(`topup: HTTP ${topup.status}`);
  const client = new EdgefleetClient({
    coordinator: coord.grpc,
    customerId: customer,
    defaultTimeoutMs: 3000,
    bearerToken: coord.adminToken,
  });
  return {
    coord,
    agents,
    client,
    async close() {
      client.close();
      await Promise.all(agents.map((a) => a.proc.kill('SIGKILL')));
      await coord.proc.kill();
    },
  };
}
