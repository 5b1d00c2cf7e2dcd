import type { edgefleet } from '@edgefleet/proto';
import type { AgentConfig } from '../config.js';
import { tcpConnectRtt } from '../rtt-probe.js';

/**
 * One RTT sample per configured PoP: a TCP connect to its host:port, or its fixed simulated value
 * ±10 % (the fleet simulator). A PoP that does not answer is left out of this round.
 */
export async function probePops(
  pops: AgentConfig['pops'],
  o: {
    probe?: (host: string, port: number) => Promise<number | undefined>;
    random?: () => number;
  } = {},
): Promise<edgefleet.v1.PopRtt.$Properties[]> {
  const probe = o.probe ?? tcpConnectRtt;
  const random = o.random ?? Math.random;
  const rtt: edgefleet.v1.PopRtt.$Properties[] = [];
  for (const p of pops) {
    if (p.simulatedRttMs !== undefined)
      rtt.push({ pop_id: p.id, rtt_ms: p.simulatedRttMs * (0.9 + random() * 0.2) });
    else if (p.host && p.port) {
      const ms = await probe(p.host, p.port);
      if (ms !== undefined) rtt.push({ pop_id: p.id, rtt_ms: ms });
    }
  }
  return rtt;
}
