import type * as grpc from '@grpc/grpc-js';
import type { edgefleet } from '@edgefleet/proto';
import { ControlLinks } from '../links/control-links.js';
import { EdgeControlHandler, type EdgeControlDeps } from './edge-control.js';

/**
 * EdgeControl toward every configured coordinator replica: the handler (what the agent does with
 * each message) and one stream per replica, wired to each other (the handler's notices go to every
 * stream; each stream's hello and messages go to the handler). Not started: the caller starts the
 * streams once everything they call into is in place.
 */
export function createEdgeControl(
  d: Omit<EdgeControlDeps, 'broadcast'> & {
    targets: readonly string[];
    /** A channel per target shared by many agents in one process (the fleet simulator). */
    sharedClient?: ((target: string) => grpc.Client) | undefined;
    credentials: grpc.ChannelCredentials;
    backoff: { baseMs: number; maxMs: number };
    /** Called with the number of live streams whenever one comes up (cameUp) or goes down. */
    onUpChange: (upCount: number, cameUp: boolean) => void;
  },
): { edge: EdgeControlHandler; links: ControlLinks } {
  const { targets, sharedClient, credentials, backoff, onUpChange, ...handler } = d;
  const edge = new EdgeControlHandler({
    ...handler,
    broadcast: (m: edgefleet.v1.AgentMessage.$Properties) => links.broadcast(m),
  });
  const links: ControlLinks = new ControlLinks({
    targets,
    ...(sharedClient ? { sharedClient } : {}),
    credentials,
    log: d.log,
    backoff,
    hello: (target) => edge.hello(target),
    onMessage: (m, from) => edge.onMessage(m, from),
    onUpChange,
  });
  return { edge, links };
}
