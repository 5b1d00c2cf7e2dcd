import { randomUUID } from 'node:crypto';
import { status as GrpcStatus, type ServerDuplexStream } from '@grpc/grpc-js';
import { describeError, EdgefleetError, type Logger } from '@edgefleet/common';
import { endStreamWithStatus, grpcStatusOf, pb, type edgefleet } from '@edgefleet/proto';
import type { FleetRegistry } from '../fleet/registry.js';
import type { EnrolledSite } from '../fleet/site-store.js';
import type { LeaseOfferTerms, OfferChannel } from '../leases/offer-channel.js';
import { NoticeBatcher } from '../leases/notice-batcher.js';
import { SiteQuotas } from '../leases/site-quota.js';
import type { SiteAuthenticator } from '../pki/site-secrets.js';
import { checkSiteCertificate } from './site-identity.js';
import { StreamKeepalive, type KeepaliveSettings } from './stream-keepalive.js';

/**
 * Site credentials, and (optionally) a database look-up for a site this replica does not know yet:
 * one enrolled through another coordinator replica after this one loaded its sites.
 */
export type EdgeControlAuth = SiteAuthenticator & {
  loadSite?: (siteId: string) => Promise<EnrolledSite | undefined>;
};

/** A site id is looked up in the database at most this often, and all ids together at most LOOKUPS_PER_S (bad hellos must not hammer it). */
const LOOKUP_EVERY_MS = 5_000;
const LOOKUPS_PER_S = 50;

type Stream = ServerDuplexStream<edgefleet.v1.AgentMessage, edgefleet.v1.CoordinatorMessage>;

export class SiteNotConnectedError extends EdgefleetError {
  constructor(siteId: string) {
    super('SITE_NOT_CONNECTED', `site ${siteId} has no EdgeControl stream`, { siteId });
  }
}

export class OfferTimeoutError extends EdgefleetError {
  constructor(siteId: string, timeoutMs: number) {
    super('OFFER_TIMEOUT', `site ${siteId} did not answer a lease offer within ${timeoutMs} ms`, {
      siteId,
      timeoutMs,
    });
  }
}

interface Pending {
  resolve: (r: edgefleet.v1.OfferReply) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

interface Session {
  siteId: string;
  stream: Stream;
  pending: Map<string, Pending>;
  /** Offers given up on (offer id → lease id): an admission that arrives late is revoked. */
  timedOut: Map<string, string>;
  /** Ping/pong of an agent that answers pings (hello.answers_pings). */
  keepalive: StreamKeepalive | undefined;
  /** Key ids whose ef2 MAC keys went down this stream (hello.accepts_mac_tokens); undefined = ef1 only. */
  macKids: ReadonlySet<string> | undefined;
  /** Leases admitted against this stream's quota, on their way to the agent; undefined = no quota here. */
  notices: NoticeBatcher<edgefleet.v1.QuotaLease.$Properties> | undefined;
}

/** Pre-granted site capacity on this replica (leases.quota): how lease notices are batched. */
export interface QuotaSettings {
  flushMs: number;
  maxBatch: number;
}

/** Where the per-site ef2 MAC keys come from (the lease-signing key ring). */
export interface MacKeySource {
  macKeysFor(siteId: string): { kid: string; key: Buffer }[];
}

/** Timed-out offers remembered per site (a late answer past this many is still harmless: the lease expires). */
const MAX_TIMED_OUT = 1000;

/**
 * One long-lived bidirectional stream per agent. The coordinator offers leases; the agent,
 * the authority on its own capacity, admits or rejects each one. LeaseService reaches the
 * agents through this as its OfferChannel.
 */
export class EdgeControlHub implements OfferChannel {
  private readonly sessions = new Map<string, Session>();
  private readonly lookedUp = new Map<string, number>();
  private lookupWindow = { second: 0, count: 0 };

  constructor(
    private readonly registry: FleetRegistry,
    private readonly auth: EdgeControlAuth,
    private readonly log: Logger,
    /** grpc.tls.mode mtls: a stream must carry a verified client certificate naming the site its hello claims. */
    private readonly requireSiteCertificate = false,
    /** edgeControl ping settings; undefined = agents are not pinged. */
    private readonly keepalive?: KeepaliveSettings,
    /** Per-site ef2 MAC keys, sent to agents that accept MAC tokens; undefined = ef1 tokens only. */
    private readonly macKeys?: MacKeySource,
    /** leases.quota: agents may grant this replica a slot quota; undefined = every lease is offered. */
    private readonly quota?: QuotaSettings,
  ) {}

  /** The quotas agents granted this replica (admissions without an offer round trip). */
  readonly quotas = new SiteQuotas();

  /**
   * Admits a lease against the site's live quota here, without asking the agent: the reply an
   * agent would have given, and the lease goes to the agent in the stream's next notice batch.
   * Undefined when the site has no live quota on this replica or no delegated slot is free.
   */
  admitLocally(siteId: string, offer: LeaseOfferTerms): edgefleet.v1.OfferReply | undefined {
    const s = this.sessions.get(siteId);
    if (!s?.notices) return undefined;
    const leaseId = offer.lease_id ?? '';
    const expiresAtMs = Number(offer.expires_at_ms ?? 0);
    const a = this.quotas.admit(siteId, {
      leaseId,
      isolation: offer.isolation ?? '',
      expiresAtMs,
    });
    if (!a) return undefined;
    s.notices.push({
      lease_id: leaseId,
      hold_id: offer.hold_id ?? '',
      model: offer.model ?? '',
      budget_micro_tokens: offer.budget_micro_tokens ?? 0,
      expires_at_ms: expiresAtMs,
      slot: a.slot,
      isolation: offer.isolation ?? '',
      epoch: a.epoch,
    });
    const free = this.registry.get(siteId)?.slotsFree ?? 0;
    return new pb.OfferReply({
      admitted: true,
      slot: a.slot,
      accelerator_model: a.acceleratorModel,
      accelerator_serial: a.acceleratorSerial,
      mig_instance_uuid: a.migInstanceUuid,
      slots_free: Math.max(0, free - 1),
    });
  }

  /** True when the site's MAC key under `kid` went down its stream here (LeaseTokenMinter mints ef2). */
  macReady(siteId: string, kid: string): boolean {
    return this.sessions.get(siteId)?.macKids?.has(kid) === true;
  }

  /** Sends every MAC-accepting stream its site's current MAC keys (after a rotation or retirement). */
  resendMacKeys(): void {
    for (const s of this.sessions.values()) if (s.macKids) this.sendMacKeys(s);
  }

  /** The site's full MAC key set down its own stream (confidential to the site: TLS, its identity checked at hello). */
  private sendMacKeys(s: Session): void {
    if (!this.macKeys) return;
    const keys = this.macKeys.macKeysFor(s.siteId);
    s.stream.write(new pb.CoordinatorMessage({ mac_keys: { keys } }));
    s.macKids = new Set(keys.map((k) => k.kid));
  }

  /**
   * Verifies a hello's credentials. A site unknown here may have enrolled through another replica
   * since this one started: it is read from the shared database once (then registered), not on every hello.
   */
  private async verifyHello(siteId: string, secret: string): Promise<boolean> {
    if (this.auth.verify(siteId, secret)) return true;
    if (!this.auth.loadSite || this.registry.get(siteId)) return false;
    const now = Date.now();
    if (now - (this.lookedUp.get(siteId) ?? 0) < LOOKUP_EVERY_MS) return false;
    const second = Math.floor(now / 1000);
    if (this.lookupWindow.second !== second) this.lookupWindow = { second, count: 0 };
    if (++this.lookupWindow.count > LOOKUPS_PER_S) return false;
    if (this.lookedUp.size > 10_000) this.lookedUp.clear();
    this.lookedUp.set(siteId, now);
    const site = await this.auth.loadSite(siteId);
    if (!site) return false;
    this.registry.upsertEnrolled(site);
    this.log.info(
      { siteId },
      'edge-control: site enrolled through another replica loaded from the database',
    );
    return this.auth.verify(siteId, secret);
  }

  isConnected(siteId: string): boolean {
    return this.sessions.has(siteId);
  }

  get connectedCount(): number {
    return this.sessions.size;
  }

  /** grpc-js handler for EdgeControl.Connect. */
  readonly connect = (stream: Stream): void => {
    let session: Session | undefined;
    let authing = false;
    let gone = false;
    const helloTimer = setTimeout(() => {
      if (!session)
        endStreamWithStatus(stream, GrpcStatus.DEADLINE_EXCEEDED, 'no hello within 10 s');
    }, 10_000);
    const accept = (hello: edgefleet.v1.AgentHello.$Properties, siteId: string) => {
      clearTimeout(helloTimer);
      const prev = this.sessions.get(siteId);
      if (prev) {
        // The older stream is told, not left open: a half-dead connection goes away at once, and two
        // boxes sharing one site's credentials show up as streams ending on both.
        this.drop(prev, 'replaced by a new stream');
        endStreamWithStatus(
          prev.stream,
          GrpcStatus.ABORTED,
          'ABORTED: replaced by a newer stream of the same site',
        );
      }
      const s: Session = {
        siteId,
        stream,
        pending: new Map(),
        timedOut: new Map(),
        keepalive: undefined,
        macKids: undefined,
        notices: undefined,
      };
      if (this.quota) {
        const q = this.quota;
        s.notices = new NoticeBatcher({
          flushMs: q.flushMs,
          maxBatch: q.maxBatch,
          send: (leases) => stream.write(new pb.CoordinatorMessage({ quota_leases: { leases } })),
        });
      }
      session = s;
      this.sessions.set(siteId, s);
      this.registry.setStream(siteId, true, {
        endpoint: hello.inference_endpoint ?? '',
        endpointTls: hello.inference_tls ?? false,
        models: hello.models ?? [],
        slotsTotal: hello.slots_total ?? 0,
        slotsFree: hello.slots_free ?? 0,
      });
      stream.write(
        new pb.CoordinatorMessage({
          welcome: {
            site_id: siteId,
            server_time_ms: Date.now(),
            accepts_quota: s.notices !== undefined,
          },
        }),
      );
      if (hello.accepts_mac_tokens === true) this.sendMacKeys(s);
      this.log.info({ siteId }, 'edge-control: agent connected');
      if (this.keepalive && hello.answers_pings === true) {
        s.keepalive = new StreamKeepalive(
          this.keepalive,
          (seq) => stream.write(new pb.CoordinatorMessage({ ping: { seq } })),
          (waitedMs) => this.hung(s, waitedMs),
        );
        s.keepalive.start();
      }
    };
    // A doctor's check: welcomed, but it neither displaces the live agent's stream nor counts as the site's link.
    let probing = false;
    const probe = (siteId: string) => {
      clearTimeout(helloTimer);
      probing = true;
      stream.write(
        new pb.CoordinatorMessage({ welcome: { site_id: siteId, server_time_ms: Date.now() } }),
      );
      this.log.info({ siteId }, 'edge-control: doctor check welcomed');
    };
    stream.on('data', (msg: edgefleet.v1.AgentMessage) => {
      if (probing) return;
      if (!session) {
        // The agent sends nothing but its hello before the welcome.
        if (authing) return;
        const hello = msg.hello;
        if (!hello) {
          endStreamWithStatus(
            stream,
            GrpcStatus.INVALID_ARGUMENT,
            'INVALID_ARGUMENT: first message must be hello',
          );
          return;
        }
        const reject = () => {
          this.log.warn({ siteId: hello.site_id }, 'edge-control: bad credentials');
          endStreamWithStatus(
            stream,
            GrpcStatus.UNAUTHENTICATED,
            'UNAUTHENTICATED: bad site credentials',
          );
        };
        const siteId = hello.site_id;
        if (!siteId || !hello.secret) {
          reject();
          return;
        }
        if (this.requireSiteCertificate) {
          try {
            checkSiteCertificate(stream.getAuthContext(), siteId);
          } catch (err) {
            const e = err as EdgefleetError;
            this.log.warn(
              { siteId: siteId.slice(0, 64), code: e.code },
              `edge-control: ${e.message}`,
            );
            endStreamWithStatus(stream, grpcStatusOf(e.code), `${e.code}: ${e.message}`);
            return;
          }
        }
        authing = true;
        this.verifyHello(siteId, hello.secret).then(
          (ok) => {
            authing = false;
            if (gone) return;
            if (!ok) reject();
            else if (hello.probe === true) probe(siteId);
            else accept(hello, siteId);
          },
          (err: unknown) => {
            authing = false;
            this.log.error(
              { siteId, err: describeError(err) },
              'edge-control: site look-up failed',
            );
            if (!gone)
              endStreamWithStatus(
                stream,
                GrpcStatus.UNAVAILABLE,
                'UNAVAILABLE: site look-up failed; retry',
              );
          },
        );
        return;
      }
      if (msg.offer_reply) {
        const r = msg.offer_reply;
        const p = session.pending.get(r.offer_id ?? '');
        if (p) {
          clearTimeout(p.timer);
          session.pending.delete(r.offer_id ?? '');
          p.resolve(new pb.OfferReply(r));
        } else {
          // A slow site admitted a lease the coordinator already gave up on: nobody holds a token
          // for it, so free the site's slot now instead of at the hold's expiry.
          const leaseId = session.timedOut.get(r.offer_id ?? '');
          session.timedOut.delete(r.offer_id ?? '');
          if (leaseId && r.admitted) {
            stream.write(
              new pb.CoordinatorMessage({
                revoke: { lease_id: leaseId, reason: 'offer timed out' },
              }),
            );
            this.log.info(
              { siteId: session.siteId, leaseId },
              'edge-control: late admission revoked',
            );
          }
        }
      } else if (msg.quota) {
        // Only a stream that said it takes quotas (its welcome) admits locally; another ignores it.
        if (session.notices) {
          this.quotas.grant(session.siteId, msg.quota);
          if (typeof msg.quota.slots_free === 'number')
            this.registry.noteSlots(session.siteId, msg.quota.slots_free);
        }
      } else if (msg.pong) {
        session.keepalive?.pong(Number(msg.pong.seq ?? 0));
      } else if (msg.lease_ended) {
        const e = msg.lease_ended;
        this.quotas.ended(e.lease_id ?? '');
        // The lease itself needs nothing here: its hold runs to release or expiry, and its burns
        // arrive over MQTT. What changed is the site's free capacity.
        if (typeof e.slots_free === 'number') this.registry.noteSlots(session.siteId, e.slots_free);
      }
    });
    const onGone = () => {
      gone = true;
      clearTimeout(helloTimer);
      if (session && this.sessions.get(session.siteId) === session) {
        this.drop(session, 'stream closed');
      }
    };
    stream.on('end', () => {
      onGone();
      stream.end();
    });
    stream.on('error', onGone);
    stream.on('close', onGone);
    stream.on('cancelled', onGone);
  };

  /** Offers a lease; resolves with the agent's answer or rejects (not connected, timeout). */
  offer(
    siteId: string,
    offer: LeaseOfferTerms,
    timeoutMs: number,
  ): Promise<edgefleet.v1.OfferReply> {
    const s = this.sessions.get(siteId);
    if (!s) return Promise.reject(new SiteNotConnectedError(siteId));
    const offerId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        s.pending.delete(offerId);
        s.timedOut.set(offerId, offer.lease_id ?? '');
        if (s.timedOut.size > MAX_TIMED_OUT)
          s.timedOut.delete(s.timedOut.keys().next().value as string);
        reject(new OfferTimeoutError(siteId, timeoutMs));
      }, timeoutMs);
      s.pending.set(offerId, { resolve, reject, timer });
      s.stream.write(new pb.CoordinatorMessage({ offer: { ...offer, offer_id: offerId } }));
    });
  }

  renew(siteId: string, leaseId: string, expiresAtMs: number): boolean {
    this.quotas.renew(leaseId, expiresAtMs);
    return this.send(siteId, { renewal: { lease_id: leaseId, expires_at_ms: expiresAtMs } });
  }

  revoke(siteId: string, leaseId: string, reason: string): boolean {
    this.quotas.ended(leaseId);
    // A notice still in the batch goes first: the agent must know the lease before its revoke.
    this.sessions.get(siteId)?.notices?.flush();
    return this.send(siteId, { revoke: { lease_id: leaseId, reason } });
  }

  private send(siteId: string, msg: edgefleet.v1.CoordinatorMessage.$Properties): boolean {
    const s = this.sessions.get(siteId);
    if (!s) return false;
    s.stream.write(new pb.CoordinatorMessage(msg));
    return true;
  }

  /**
   * Ends a site's stream with PERMISSION_DENIED and the reason (the site was revoked): pending
   * offers fail, and the agent's later hellos are refused by the authenticator. False if it had none.
   */
  disconnect(siteId: string, why: string): boolean {
    const s = this.sessions.get(siteId);
    if (!s) return false;
    this.drop(s, why);
    endStreamWithStatus(s.stream, GrpcStatus.PERMISSION_DENIED, `PERMISSION_DENIED: ${why}`);
    return true;
  }

  closeAll(): void {
    for (const s of [...this.sessions.values()]) {
      this.drop(s, 'coordinator shutting down');
      s.stream.end();
    }
  }

  /**
   * The agent did not answer a ping in time (a frozen process keeps its TCP connection and MQTT
   * session for a while): the site goes offline at once (its leases are rerouted) and the stream is
   * closed; the agent's next hello brings it back.
   */
  private hung(s: Session, waitedMs: number): void {
    if (this.sessions.get(s.siteId) !== s) return;
    this.log.warn(
      { siteId: s.siteId, waitedMs },
      'edge-control: agent missed a keepalive ping: site offline, stream closed',
    );
    this.registry.markHung(s.siteId);
    this.drop(s, 'keepalive missed');
    endStreamWithStatus(
      s.stream,
      GrpcStatus.UNAVAILABLE,
      `UNAVAILABLE: no pong within ${waitedMs} ms; reconnect`,
    );
  }

  private drop(s: Session, why: string): void {
    s.keepalive?.stop();
    // No local admission without the stream: the agent forgets this replica's quota too.
    s.notices?.clear();
    this.quotas.drop(s.siteId);
    this.sessions.delete(s.siteId);
    for (const p of s.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new SiteNotConnectedError(s.siteId));
    }
    s.pending.clear();
    this.registry.setStream(s.siteId, false);
    this.log.info({ siteId: s.siteId, why }, 'edge-control: agent stream ended');
  }
}
