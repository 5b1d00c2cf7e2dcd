import type * as grpc from '@grpc/grpc-js';
import type { Logger } from '@edgefleet/common';
import type { edgefleet } from '@edgefleet/proto';
import { ControlLink } from './control-link.js';

/**
 * One EdgeControl stream to each coordinator replica (scale-out). Any replica may offer a lease,
 * renew or revoke one: the message handler gets the link it came on, so an offer is answered on
 * the stream (and to the replica) that made it, while capacity stays one admission table in the
 * agent. Notices every replica should hear (a lease ended, slots freed) go to all live streams.
 */
export class ControlLinks {
  readonly links: ControlLink[];

  constructor(o: {
    targets: readonly string[];
    /** A channel per target shared by many agents in one process (the fleet simulator); not closed by close(). */
    sharedClient?: (target: string) => grpc.Client;
    /** TLS / mTLS toward every replica; plaintext without. */
    credentials?: grpc.ChannelCredentials;
    log: Logger;
    /** The hello for one replica's stream (called at each (re)connect). */
    hello: (target: string) => edgefleet.v1.AgentHello.$Properties;
    onMessage: (m: edgefleet.v1.CoordinatorMessage, from: ControlLink) => void;
    backoff: { baseMs: number; maxMs: number };
    /** Called with the number of live streams whenever one comes up (cameUp) or goes down. */
    onUpChange?: (upCount: number, cameUp: boolean) => void;
  }) {
    if (o.targets.length === 0)
      throw new Error('ControlLinks needs at least one coordinator endpoint');
    this.links = [...new Set(o.targets)].map((target) => {
      const shared = o.sharedClient?.(target);
      const link: ControlLink = new ControlLink({
        target,
        ...(shared ? { sharedClient: shared } : {}),
        ...(o.credentials ? { credentials: o.credentials } : {}),
        log: o.log,
        hello: () => o.hello(target),
        backoff: o.backoff,
        onMessage: (m) => o.onMessage(m, link),
        onUpChange: (up) => o.onUpChange?.(this.upCount, up),
      });
      return link;
    });
  }

  start(): void {
    for (const l of this.links) l.start();
  }

  /** At least one replica has a live stream from this agent. */
  get up(): boolean {
    return this.links.some((l) => l.up);
  }

  get upCount(): number {
    return this.links.reduce((n, l) => n + (l.up ? 1 : 0), 0);
  }

  /** Each endpoint and whether its stream is up (doctor, metrics, tests). */
  status(): { target: string; up: boolean }[] {
    return this.links.map((l) => ({ target: l.target, up: l.up }));
  }

  /** Sends to every live stream; returns how many took it. */
  broadcast(m: edgefleet.v1.AgentMessage.$Properties): number {
    let n = 0;
    for (const l of this.links) if (l.send(m)) n++;
    return n;
  }

  close(): void {
    for (const l of this.links) l.close();
  }
}
