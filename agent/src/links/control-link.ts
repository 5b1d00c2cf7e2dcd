import * as grpc from '@grpc/grpc-js';
import { backoffDelay, describeError, type Logger } from '@edgefleet/common';
import { EdgeControlService, GRPC_CHANNEL_OPTIONS, pb, type edgefleet } from '@edgefleet/proto';

type Duplex = grpc.ClientDuplexStream<edgefleet.v1.AgentMessage, edgefleet.v1.CoordinatorMessage>;

const EdgeControlClient = grpc.makeGenericClientConstructor(EdgeControlService, 'EdgeControl');

/**
 * The long-lived EdgeControl stream to the coordinator, re-opened with exponential backoff
 * and full jitter whenever it drops (a coordinator restart must not cause a stampede).
 */
export class ControlLink {
  private readonly client: grpc.Client;
  private stream: Duplex | undefined;
  private attempt = 0;
  /** A refusal of our credentials was logged (reset by the next welcome). */
  private refusedLogged = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  up = false;

  constructor(
    private readonly o: {
      target: string;
      /** A channel shared by many agents in one process (the fleet simulator); not closed by close(). */
      sharedClient?: grpc.Client;
      /** TLS / mTLS toward the coordinator (grpc-tls.ts); plaintext without. */
      credentials?: grpc.ChannelCredentials;
      log: Logger;
      hello: () => edgefleet.v1.AgentHello.$Properties;
      onMessage: (m: edgefleet.v1.CoordinatorMessage) => void;
      backoff: { baseMs: number; maxMs: number };
      /** Called when the stream comes up (welcome) or goes down. */
      onUpChange?: (up: boolean) => void;
    },
  ) {
    this.client =
      o.sharedClient ??
      new EdgeControlClient(
        o.target,
        o.credentials ?? grpc.credentials.createInsecure(),
        GRPC_CHANNEL_OPTIONS,
      );
  }

  start(): void {
    this.open();
  }

  send(m: edgefleet.v1.AgentMessage.$Properties): boolean {
    if (!this.stream || !this.up) return false;
    this.stream.write(new pb.AgentMessage(m));
    return true;
  }

  private open(): void {
    if (this.closed) return;
    const stream = (this.client as unknown as { connect(): Duplex }).connect();
    this.stream = stream;
    stream.on('data', (m: edgefleet.v1.CoordinatorMessage) => {
      if (m.welcome) {
        const was = this.up;
        this.up = true;
        this.attempt = 0;
        this.refusedLogged = false;
        this.o.log.info(
          { site: m.welcome.site_id, coordinator: this.o.target },
          'edge-control stream up',
        );
        if (!was) this.o.onUpChange?.(true);
      }
      this.o.onMessage(m);
    });
    let retried = false;
    const retry = (why: string) => {
      if (retried) return;
      retried = true;
      const was = this.up;
      this.up = false;
      if (was) this.o.onUpChange?.(false);
      if (this.stream === stream) this.stream = undefined;
      if (this.closed) return;
      const ms = backoffDelay(this.attempt++, this.o.backoff.baseMs, this.o.backoff.maxMs);
      this.o.log.debug(
        { why, inMs: ms, coordinator: this.o.target },
        'edge-control stream down; reconnecting',
      );
      this.timer = setTimeout(() => this.open(), ms);
    };
    stream.on('error', (err: grpc.ServiceError) => {
      // Refused credentials are the operator's business, not a network blip: say so plainly, once
      // until the next welcome (the agent keeps retrying: a replica may not know a new site yet).
      if (
        (err.code === grpc.status.PERMISSION_DENIED || err.code === grpc.status.UNAUTHENTICATED) &&
        !this.refusedLogged
      ) {
        this.refusedLogged = true;
        this.o.log.error(
          { coordinator: this.o.target, code: grpc.status[err.code], details: err.details },
          'edge-control: the coordinator refused this site (revoked, or credentials unknown); ask the NOC, then enroll again with a new code',
        );
      }
      retry(describeError(err));
    });
    stream.on('end', () => retry('ended by coordinator'));
    stream.write(new pb.AgentMessage({ hello: this.o.hello() }));
  }

  get target(): string {
    return this.o.target;
  }

  close(): void {
    this.closed = true;
    this.up = false;
    if (this.timer) clearTimeout(this.timer);
    this.stream?.cancel();
    if (!this.o.sharedClient) this.client.close();
  }
}

/** One EdgeControl channel for many simulated sites in one process (HTTP/2 multiplexes their streams). */
export function sharedEdgeControlClient(
  target: string,
  credentials: grpc.ChannelCredentials = grpc.credentials.createInsecure(),
): grpc.Client {
  return new EdgeControlClient(target, credentials, GRPC_CHANNEL_OPTIONS);
}
