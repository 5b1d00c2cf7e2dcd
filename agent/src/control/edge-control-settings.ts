import type * as grpc from '@grpc/grpc-js';
import { controlEndpoints, type AgentConfig } from '../config.js';
import { controlChannelCredentials } from '../grpc-tls.js';

/**
 * EdgeControl's settings, read from the agent configuration: a stream to each coordinator replica
 * (controlEndpoints), TLS toward them as coordinator.tls says, the reconnect backoff, and the
 * fault-injection delay before an offer is answered (tests; 0 in production).
 */
export function edgeControlSettings(c: Pick<AgentConfig, 'coordinator' | 'reconnect' | 'faults'>): {
  targets: string[];
  credentials: grpc.ChannelCredentials;
  backoff: { baseMs: number; maxMs: number };
  offerReplyDelayMs: number;
} {
  return {
    targets: controlEndpoints(c),
    credentials: controlChannelCredentials(c.coordinator.tls),
    backoff: c.reconnect,
    offerReplyDelayMs: c.faults.offerReplyDelayMs,
  };
}
