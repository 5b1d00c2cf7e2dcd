import { guardedSites, type ActiveReservation } from '../market/guarantee.js';
import {
  isReserved,
  pickVictim,
  preemptorOf,
  type PreemptionSettings,
  type PreemptReason,
  type RunningLease,
} from '../market/index.js';
import { randomUUID } from 'node:crypto';
import { describeError, type Logger } from '@edgefleet/common';
import { ENTITY_ID_PATTERN, isValidEntityId, pb, type edgefleet } from '@edgefleet/proto';
import type { FleetRegistry } from '../fleet/registry.js';
import type { SigningKeyRing } from '../keys/signing-keys.js';
import type { HoldView, Ledger, LeaseGrant } from '../ledger/types.js';
import type { CoordinatorMetrics } from '../metrics.js';
import type { Candidate, RouteContext, RouteRequest, RouteResult } from '../routing/route.js';
import { RouteIndex } from '../routing/route-index.js';
import { LeaseTokenMinter } from './token-minter.js';
import { ExpiryBound } from './expiry-bound.js';
import { acquireResponse, candidateMsg } from './acquire-response.js';
import { route } from '../routing/route.js';
import {
  attachmentInput,
  resolveAttachment,
  type AttachmentTables,
} from '../routing/attachment.js';
import { leaseBound } from './lease-bound.js';
import { HoldClosedError, LedgerUnknownHoldError } from '../ledger/errors.js';
import {
  InvalidLeaseRequestError,
  NoPreemptionVictimError,
  NoSiteForModelError,
  UnknownLeaseHoldError,
  waitsForCapacity,
} from './errors.js';
import type { OfferChannel } from './offer-channel.js';
import { Preemptions } from './preemptions.js';

export interface LeaseSettings {
  defaultTtlS: number;
  maxTtlS: number;
  maxHedges: number;
  offerTimeoutMs: number;
  settleMs: number;
}

/**
 * A hold this replica serves. The database is the source of truth (any replica renews, releases and
 * watches any hold: docs/architecture.md, scale-out); this is what the replica keeps beside it: the granting replica
 * the Acquire request (to move a lost site's lease elsewhere), every replica its Watch streams.
 */
interface LiveHold {
  holdId: string;
  customerId: string;
  model: string;
  budget: number;
  isolation: string;
  expiresAtMs: number;
  /** The Acquire request, on the replica that granted the hold; undefined on one that adopted it for a Watch. */
  request: edgefleet.v1.AcquireRequest | undefined;
  /** A spot-check canary (pinned to its site): never preempted, its result would wrong the site. */
  canary?: boolean;
  leases: edgefleet.v1.Lease[];
  watchers: Set<(e: edgefleet.v1.LeaseEvent) => void>;
}

export interface ExplainView {
  attachment: string;
  status: string;
  considered: number;
  visited: number;
  eligible: number;
  rejected: Record<string, number>;
  winner: Record<string, unknown> | null;
  runner_up: Record<string, unknown> | null;
  candidates: Record<string, unknown>[];
}

export type RoutingContextFactory = (keep: number) => Omit<RouteContext, 'keep'>;

const MAX_BUDGET = 1_000_000_000_000; // 1 million tokens in one lease
const NO_ATTACHMENT_TABLES: AttachmentTables = { cells: new Map(), trackingAreas: new Map() };

/**
 * Leases as two-phase holds: Acquire routes, holds the budget on the customer's balance,
 * offers the lease to agents (who admit or reject), and signs a token for each admitted one.
 */
export class LeaseService {
  private readonly holds = new Map<string, LiveHold>();
  /** Live leases per site: lease id → hold id (failover finds a dead site's holds without a scan). */
  private readonly bySite = new Map<string, Map<string, string>>();
  /** When each live lease of bySite was granted (the victim choice prefers the youngest). */
  private readonly startedAt = new Map<string, number>();
  /** Per site: leases its agent admitted whose record is still being written (not yet in bySite). */
  private readonly admitting = new Map<string, number>();
  private readonly index: RouteIndex;
  /** Notices given to preempted leases (undefined when market.preemption is off). */
  private readonly preemptions: Preemptions | undefined;
  private readonly minter: LeaseTokenMinter;
  /** No hold expires before its bound: sweepExpired walks the holds only once it has passed. */
  private readonly expiries = new ExpiryBound();

  constructor(
    private readonly deps: {
      registry: FleetRegistry;
      /** The agents: offers, renewals and revocations go through it. */
      agents: OfferChannel;
      ledger: Ledger;
      keys: SigningKeyRing;
      metrics: CoordinatorMetrics;
      log: Logger;
      settings: LeaseSettings;
      routing: RoutingContextFactory;
      /** Cell / tracking-area → PoP tables (empty when not given). */
      attachment?: AttachmentTables;
      /** How old a routing candidate list may get (ms). */
      indexRefreshMs?: number;
      /**
       * The sites' enrolled public keys (fleet/site-keys.ts SiteKeyBook.publicKeys): each lease names
       * them so the customer can verify the site's receipts; absent = leases name none.
       */
      siteKeys?: { publicKeys(siteId: string): Promise<string[]> };
      /**
       * Reservations active now (market/reservations.ts): an Acquire of another customer never
       * takes the last free slots one of them is owed (guardedSites); absent = no reservations.
       */
      guarantee?: { activeAt(nowMs: number): readonly ActiveReservation[] };
      /** market.preemption (docs/market.md "Preemption"); absent or disabled = nobody is preempted. */
      preemption?: PreemptionSettings;
    },
  ) {
    const base = deps.routing(1);
    this.minter = new LeaseTokenMinter(
      deps.keys,
      (siteId, kid) => deps.agents.macReady?.(siteId, kid) === true,
    );
    this.index = new RouteIndex(deps.registry, {
      pops: base.pops,
      geoPathFactor: base.geoPathFactor,
      refreshMs: deps.indexRefreshMs ?? 1000,
    });
    this.preemptions = deps.preemption?.enabled
      ? new Preemptions(
          deps.preemption.graceMs,
          {
            notify: (v, reason, deadlineMs) => this.notifyPreempted(v, reason, deadlineMs),
            revoke: (v) => this.revokePreempted(v),
          },
          deps.metrics,
          deps.log,
        )
      : undefined;
    deps.registry.on('state', (ch) => {
      if (ch.to === 'offline' || ch.to === 'draining')
        void this.failover(ch.siteId, ch.to).catch((err: unknown) =>
          deps.log.error({ err: describeError(err) }, 'failover failed'),
        );
    });
  }

  get liveHolds(): number {
    return this.holds.size;
  }

  /** Stops the preemption timers (shutdown): leases under notice keep running. */
  close(): void {
    this.preemptions?.close();
  }

  listHolds(): {
    holdId: string;
    customerId: string;
    model: string;
    budget: number;
    expiresAtMs: number;
    leases: edgefleet.v1.Lease[];
  }[] {
    return [...this.holds.values()].map((h) => ({
      holdId: h.holdId,
      customerId: h.customerId,
      model: h.model,
      budget: h.budget,
      expiresAtMs: h.expiresAtMs,
      leases: h.leases,
    }));
  }

  /** Routes without acquiring (also what GET /api/v1/routing/explain shows). */
  routeOnly(
    req: edgefleet.v1.AcquireRequest,
    keep: number,
    exclude?: ReadonlySet<string>,
    /** Route to this site alone (spot-checks): the same filter and score, over one site. */
    only?: string,
    /** With `only`: as if one more slot were free there and no reserve kept (a preemptor's freed slot). */
    freed = false,
  ): RouteResult & { attachment: string } {
    const t0 = process.hrtime.bigint();
    const { location, attachment } = resolveAttachment(
      attachmentInput(req.location),
      this.deps.attachment ?? NO_ATTACHMENT_TABLES,
    );
    const routeReq: RouteRequest = {
      model: req.model,
      location,
      maxRttMs: req.max_rtt_ms,
      domesticOnly: req.domestic_only,
      acceleratorKinds: req.accelerator_kinds,
      isolation: req.isolation,
      priority: req.priority,
    };
    if (exclude) routeReq.exclude = exclude;
    // The factory returns a fresh context each call: keep is set on it, not spread into a copy.
    const ctx = this.deps.routing(keep) as RouteContext;
    ctx.keep = keep;
    let pinned = only === undefined ? undefined : this.deps.registry.get(only);
    if (pinned && freed) {
      // Preemption freed a slot there: offered as free, whatever routing's reserve says.
      pinned = { ...pinned, slotsFree: Math.max(pinned.slotsFree, pinned.inflight) + 1 };
      delete ctx.reserve;
    }
    const r = (
      only === undefined
        ? this.index.route(routeReq, ctx)
        : route(pinned ? [pinned] : [], routeReq, ctx)
    ) as RouteResult & { attachment: string };
    r.attachment = attachment;
    this.deps.metrics.routingSeconds.observe(Number(process.hrtime.bigint() - t0) / 1e9);
    return r;
  }

  /** The routing decision explained, as Acquire would make it now (plain JSON for the REST API). */
  explain(req: edgefleet.v1.AcquireRequest, keep: number): ExplainView {
    validateRequest(req, this.deps.settings, false);
    const routed = this.routeOnly(req, keep);
    const view = (c: Candidate) => ({
      ...pb.Candidate.toObject(new pb.Candidate(candidateMsg(c)), { defaults: true }),
      rtt_ahead_ms: c.rttAheadMs ?? null,
      region: c.site.region,
    });
    return {
      attachment: routed.attachment,
      status: routed.status,
      considered: routed.considered,
      visited: routed.visited ?? routed.considered,
      eligible: routed.eligible,
      rejected: Object.fromEntries(Object.entries(routed.rejected).map(([k, v]) => [k, v ?? 0])),
      winner: routed.ranked[0] ? view(routed.ranked[0]) : null,
      runner_up: routed.ranked[1] ? view(routed.ranked[1]) : null,
      candidates: routed.ranked.map(view),
    };
  }

  /**
   * `opts.site`: only that site is considered (a spot-check's canary lease); otherwise as routed.
   * Refused for want of a free slot, a reservation holder inside its window (or a request far
   * enough above a best-effort lease in priority) preempts one best-effort lease, waits out its
   * grace and takes the freed slot (preemptFor).
   */
  async acquire(
    req: edgefleet.v1.AcquireRequest,
    opts: { site?: string } = {},
  ): Promise<edgefleet.v1.AcquireResponse> {
    validateRequest(req, this.deps.settings, true);
    try {
      return await this.acquireRouted(req, opts.site);
    } catch (err) {
      if (opts.site !== undefined || !this.preemptions || !waitsForCapacity(err)) throw err;
      const freedSite = await this.preemptFor(req, this.preemptions, err);
      return this.acquireRouted(req, undefined, freedSite);
    }
  }

  /** Routes, holds and offers; `freedSite`: a site where preemption freed a slot, offered first. */
  private async acquireRouted(
    req: edgefleet.v1.AcquireRequest,
    site: string | undefined,
    freedSite?: string,
  ): Promise<edgefleet.v1.AcquireResponse> {
    const s = this.deps.settings;
    const wanted = 1 + req.hedges;
    // A spot-check canary (site) is the coordinator's own, brief, and must reach its site.
    const guarded = site === undefined ? this.guardedFor(req.customer_id, Date.now()) : undefined;
    let routed = this.routeOnly(req, wanted + 4, guarded, site);
    if (freedSite !== undefined) {
      // The revoke went to the agent on its EdgeControl stream before this offer will, so the
      // agent has freed the slot by the time it reads the offer (the registry may not know yet).
      const freed = this.routeOnly(req, 1, undefined, freedSite, true).ranked;
      routed = {
        ...routed,
        ranked: [...freed, ...routed.ranked.filter((c) => c.site.siteId !== freedSite)],
      };
    }
    if (routed.ranked.length === 0) {
      this.deps.metrics.leaseRejects.inc({ reason: 'no_site' });
      throw new NoSiteForModelError(req.model, {
        considered: routed.considered,
        rejected: routed.rejected,
      });
    }
    const ttlMs = (req.ttl_s || s.defaultTtlS) * 1000;
    const now = Date.now();
    const holdId = `h-${randomUUID()}`;
    const expiresAtMs = now + ttlMs;
    // The ledger group-commits the holds (and lease rows) of every Acquire in this event-loop turn together.
    await this.deps.ledger.placeHold({
      holdId,
      customerId: req.customer_id,
      microTokens: req.budget_micro_tokens,
      expiresAtMs,
    });

    const hold: LiveHold = {
      holdId,
      customerId: req.customer_id,
      model: req.model,
      budget: req.budget_micro_tokens, // Empty = any kind of slot, as routing reads it; the agent admits into whichever it has free.
      isolation: req.isolation,
      expiresAtMs,
      request: req,
      canary: site !== undefined,
      leases: [],
      watchers: new Set(),
    };
    const granted: { lease: edgefleet.v1.Lease; cand: Candidate }[] = [];
    try {
      return await this.grantOffers(req, routed, hold, granted, site, wanted, now);
    } catch (err) {
      if (!this.holds.has(holdId))
        await this.abandon(
          hold,
          granted.map((g) => g.lease),
          err,
        );
      throw err;
    }
  }

  /**
   * An Acquire failed after its hold was placed (every site declined, or a lease's record failed,
   * perhaps after others were granted): no vehicle holds their tokens, so each site is told to drop
   * its lease now (its slot would stay taken until the hold's expiry otherwise) and the hold is
   * released. When the ledger fails that too (a database outage), the hold's expiry releases it.
   */
  private async abandon(
    hold: LiveHold,
    leases: readonly edgefleet.v1.Lease[],
    cause: unknown,
  ): Promise<void> {
    for (const l of leases) {
      this.countAdmitting(l.site_id, -1); // offerTo counted it as being admitted
      this.deps.agents.revoke(l.site_id, l.lease_id, 'abandoned');
    }
    try {
      if (leases.length > 0)
        await this.deps.ledger.endLeases(
          leases.map((l) => l.lease_id),
          Date.now(),
        );
      await this.deps.ledger.releaseHold(hold.holdId, 'released');
    } catch (err) {
      this.deps.log.warn(
        { holdId: hold.holdId, err: describeError(err), cause: describeError(cause) },
        'failed Acquire: hold left to its expiry',
      );
    }
  }

  /** Offers the routed sites in turn until `wanted` admit; tracks what was granted. */
  private async grantOffers(
    req: edgefleet.v1.AcquireRequest,
    routed: RouteResult & { attachment: string },
    hold: LiveHold,
    granted: { lease: edgefleet.v1.Lease; cand: Candidate }[],
    site: string | undefined,
    wanted: number,
    now: number,
  ): Promise<edgefleet.v1.AcquireResponse> {
    const holdId = hold.holdId;
    for (const cand of routed.ranked) {
      if (granted.length >= wanted) break;
      // The guarantee again at the offer: Acquires routed in the same instant took free slots
      // while this hold was placed. Checked and reserved (offerTo's inflight) in one turn.
      if (site === undefined && this.guardedFor(req.customer_id, Date.now())?.has(cand.site.siteId))
        continue;
      const lease = await this.offerTo(hold, cand, now);
      if (lease) granted.push({ lease, cand });
    }
    if (granted.length === 0) {
      // The caller releases the hold (abandon), as for every Acquire that fails once it is placed.
      this.deps.metrics.leaseRejects.inc({ reason: 'all_rejected' });
      throw new NoSiteForModelError(req.model, {
        considered: routed.considered,
        eligible: routed.eligible,
        offered: routed.ranked.length,
        admitted: 0,
      });
    }
    this.holds.set(holdId, hold);
    this.expiries.note(hold.expiresAtMs);
    for (const g of granted) {
      this.track(g.lease);
      this.countAdmitting(g.lease.site_id, -1); // offerTo counted it as being admitted
    }
    this.deps.metrics.leaseGrants.inc({ role: 'primary' });
    if (granted.length > 1)
      this.deps.metrics.leaseGrants.inc({ role: 'hedge' }, granted.length - 1);

    const primary = granted[0] as { lease: edgefleet.v1.Lease; cand: Candidate };
    return acquireResponse(
      req,
      routed,
      granted.map((g) => g.lease),
      primary.cand,
    );
  }

  /**
   * Sites this customer's Acquire must leave alone now: the last free slots of another customer's
   * active reservation (undefined when none, so routing is as without reservations).
   */
  private guardedFor(customerId: string, nowMs: number): ReadonlySet<string> | undefined {
    const active = this.deps.guarantee?.activeAt(nowMs) ?? [];
    if (active.length === 0) return undefined;
    const guarded = guardedSites(
      customerId,
      active,
      (siteId) => this.freeHere(siteId),
      (owner, siteIds) => this.leasesOf(owner, siteIds),
    );
    return guarded.size > 0 ? guarded : undefined;
  }

  /**
   * Free slots of a site as the guarantee counts them: the agent's last count, but never more than
   * its slots less the leases this replica holds or is admitting there. The agent's count can be
   * stale-high: a telemetry report or an offer reply written before the agent heard of this
   * replica's latest leases (quota notices wait for their batch) would otherwise let another
   * customer take slots a reservation is owed. Leases of other replicas are not counted here.
   */
  private freeHere(siteId: string): number {
    const site = this.deps.registry.get(siteId);
    if (!site) return 0;
    const held = (this.bySite.get(siteId)?.size ?? 0) + (this.admitting.get(siteId) ?? 0);
    return Math.min(site.slotsFree, site.slotsTotal - held) - site.inflight;
  }

  private countAdmitting(siteId: string, by: 1 | -1): void {
    const n = (this.admitting.get(siteId) ?? 0) + by;
    if (n > 0) this.admitting.set(siteId, n);
    else this.admitting.delete(siteId);
  }

  /**
   * Chooses one best-effort lease for this refused Acquire to preempt (market/preemption.ts), gives
   * it notice and resolves with its site once the slot is free. Rethrows `cause` when the request
   * is no preemptor or no site of its runs a lease that could make room; NoPreemptionVictimError
   * when leases run there but none may be preempted.
   */
  private async preemptFor(
    req: edgefleet.v1.AcquireRequest,
    desk: Preemptions,
    cause: unknown,
  ): Promise<string> {
    const settings = this.deps.preemption as PreemptionSettings;
    const now = Date.now();
    const active = this.deps.guarantee?.activeAt(now) ?? [];
    const p = preemptorOf(
      req.customer_id,
      req.priority,
      active,
      // Slots already being freed for it count as held: two Acquires at once take no more than owed.
      (owner, siteIds) => this.leasesOf(owner, siteIds) + desk.claimedBy(owner, siteIds),
      settings,
      () => this.bySite.keys(),
    );
    if (!p) throw cause;
    const guarded = this.guardedFor(req.customer_id, now);
    const leases: RunningLease[] = [];
    let sites = 0;
    for (const siteId of p.siteIds) {
      const onSite = this.bySite.get(siteId);
      if (!onSite || onSite.size === 0 || guarded?.has(siteId)) continue;
      // Would the site serve this request once one slot is free there?
      if (this.routeOnly(req, 1, undefined, siteId, true).ranked.length === 0) continue;
      sites++;
      for (const [leaseId, holdId] of onSite) {
        const h = this.holds.get(holdId);
        if (!h?.request || h.canary) continue;
        leases.push({
          leaseId,
          holdId,
          siteId,
          customerId: h.customerId,
          priority: h.request.priority,
          startedAtMs: this.startedAt.get(leaseId) ?? 0,
          reserved: isReserved(h.customerId, siteId, active),
          noticed: desk.noticed(leaseId),
        });
      }
    }
    // No site of its own with a running lease that could serve it: preemption changes nothing, the
    // refusal stands as routing gave it.
    if (sites === 0) throw cause;
    const victim = pickVictim(p, leases, settings.minPriorityGap);
    if (!victim) {
      this.deps.metrics.leaseRejects.inc({ reason: 'no_victim' });
      throw new NoPreemptionVictimError(req.model, { reason: p.reason, sites });
    }
    await desk.preempt(victim, p.reason, req.customer_id, now);
    return victim.siteId;
  }

  /** How many live leases this customer holds on these sites (on this replica). */
  private leasesOf(customerId: string, siteIds: readonly string[]): number {
    let n = 0;
    for (const siteId of siteIds)
      for (const holdId of this.bySite.get(siteId)?.values() ?? [])
        if (this.holds.get(holdId)?.customerId === customerId) n++;
    return n;
  }

  /** The notice on the victim's Watch: it keeps serving until deadlineMs. */
  private notifyPreempted(v: RunningLease, reason: PreemptReason, deadlineMs: number): void {
    const hold = this.holds.get(v.holdId);
    if (!hold) return;
    const ev = new pb.LeaseEvent({
      kind: pb.LeaseEvent.Kind.KIND_PREEMPTED,
      hold_id: v.holdId,
      lease_id: v.leaseId,
      site_id: v.siteId,
      reason: `preempted: ${reason}`,
      deadline_ms: deadlineMs,
      ts_ms: Date.now(),
    });
    for (const w of hold.watchers) w(ev);
  }

  /**
   * The grace is over: the lease ends now. The agent is told first (it frees the slot, refuses
   * Infer on the token and flushes its burns), then the ledger (no replica renews it). A hold left
   * with no lease is released, so its customer pays only for the work done: the burns already made
   * stay, the rest of the budget returns after the settle window.
   */
  private async revokePreempted(v: RunningLease): Promise<void> {
    const hold = this.holds.get(v.holdId);
    const lease = hold?.leases.find((l) => l.lease_id === v.leaseId);
    if (!hold || !lease) return; // ended meanwhile: its slot is free already
    hold.leases = hold.leases.filter((l) => l.lease_id !== v.leaseId);
    this.untrack(lease);
    this.deps.agents.revoke(v.siteId, v.leaseId, 'preempted');
    const now = Date.now();
    await this.deps.ledger.endLeases([v.leaseId], now);
    const ev = new pb.LeaseEvent({
      kind: pb.LeaseEvent.Kind.KIND_REVOKE,
      hold_id: v.holdId,
      lease_id: v.leaseId,
      site_id: v.siteId,
      reason: 'preempted',
      ts_ms: now,
    });
    for (const w of hold.watchers) w(ev);
    if (hold.leases.length === 0) {
      await this.deps.ledger.scheduleRelease(v.holdId, now + this.deps.settings.settleMs);
      this.forget(v.holdId, 'released', now);
    }
  }

  /** Offers one lease of the hold to a candidate site; undefined when the agent says no. */
  private async offerTo(
    hold: LiveHold,
    cand: Candidate,
    now: number,
  ): Promise<edgefleet.v1.Lease | undefined> {
    const site = cand.site;
    const leaseId = `l-${randomUUID()}`;
    site.inflight++;
    const terms = {
      lease_id: leaseId,
      hold_id: hold.holdId,
      model: hold.model,
      budget_micro_tokens: hold.budget,
      expires_at_ms: hold.expiresAtMs,
      isolation: hold.isolation,
    };
    let reply: edgefleet.v1.OfferReply;
    try {
      // The site's pre-granted quota first (no round trip); the offer when it has none live here.
      const local = this.deps.agents.admitLocally?.(site.siteId, terms);
      this.deps.metrics.leaseAdmissions.inc({ path: local ? 'local' : 'offer' });
      reply =
        local ??
        (await this.deps.agents.offer(site.siteId, terms, this.deps.settings.offerTimeoutMs));
    } catch (err) {
      this.deps.registry.noteError(site.siteId, true);
      this.deps.metrics.leaseRejects.inc({ reason: 'offer_failed' });
      this.deps.log.warn({ siteId: site.siteId, err: describeError(err) }, 'lease offer failed');
      return undefined;
    } finally {
      site.inflight = Math.max(0, site.inflight - 1);
    }
    this.deps.registry.noteSlots(site.siteId, reply.slots_free);
    if (!reply.admitted) {
      this.deps.registry.noteError(site.siteId, false);
      this.deps.metrics.leaseRejects.inc({
        reason: `agent_${reply.reason || 'rejected'}`.slice(0, 40),
      });
      return undefined;
    }
    this.deps.registry.noteError(site.siteId, false);
    // Counted on its site (freeHere) from here until the caller tracks it; a lease whose record
    // fails is uncounted here.
    this.countAdmitting(site.siteId, 1);
    let recorded = false;
    try {
      // What the admitted slot can burn, from this coordinator's registry (never from a burn record
      // nor from the agent's own multiplier): the answered accelerator's share per slot and the
      // multiplier of the profile the coordinator resolved for it (leaseBound).
      const bound = leaseBound(site, reply);
      // The site admitted a lease that has no record until this resolves (with ledger slices its hold
      // is written here too, so a database outage shows up here): if it fails, the site is told to
      // drop it, so that an unrecorded lease never holds its slot.
      await this.deps.ledger
        .registerLease({
          leaseId,
          holdId: hold.holdId,
          siteId: site.siteId,
          customerId: hold.customerId,
          model: hold.model,
          budgetMicroTokens: hold.budget,
          issuedAtMs: now,
          expiresAtMs: hold.expiresAtMs,
          slotFraction: bound.slotFraction,
          multiplier: bound.multiplier,
          isolation: hold.isolation,
          slot: reply.slot,
          acceleratorModel: reply.accelerator_model,
          migInstanceUuid: bound.migInstanceUuid,
        })
        .catch((err: unknown) => {
          this.deps.agents.revoke(site.siteId, leaseId, 'unrecorded');
          throw err;
        });
      recorded = true;
      const token = this.minter.mint({
        lid: leaseId,
        hid: hold.holdId,
        sid: site.siteId,
        cid: hold.customerId,
        mdl: hold.model,
        bud: hold.budget,
        iat: now,
        exp: hold.expiresAtMs,
        iso: hold.isolation,
      });
      const lease = new pb.Lease({
        lease_id: leaseId,
        hold_id: hold.holdId,
        site_id: site.siteId,
        endpoint: site.endpoint,
        endpoint_tls: site.endpointTls,
        mig_instance_uuid: bound.migInstanceUuid,
        token,
        expires_at_ms: hold.expiresAtMs,
        budget_micro_tokens: hold.budget,
        expected_rtt_ms: Number.isNaN(cand.rttMs) ? 0 : cand.rttMs,
        power_price_per_kwh: cand.pricePerKwh,
        accelerator_model: reply.accelerator_model,
        slot: reply.slot,
        available_slots: reply.slots_free,
        site_public_keys: await this.sitePublicKeys(site.siteId),
      });
      hold.leases.push(lease);
      return lease;
    } catch (err) {
      this.countAdmitting(site.siteId, -1);
      // Recorded, but its token never left: the site drops it (the caller releases the hold).
      if (recorded) this.deps.agents.revoke(site.siteId, leaseId, 'abandoned');
      throw err;
    }
  }

  /**
   * Extends a live hold and its live leases, on whichever replica the vehicle reached: the ledger
   * renews it under the hold's row lock (refused once a Release is scheduled or the hold expired),
   * and this replica re-signs each lease's token and tells its agent.
   */
  async renew(holdId: string, ttlS: number): Promise<edgefleet.v1.Lease[]> {
    const ttl = Math.min(ttlS || this.deps.settings.defaultTtlS, this.deps.settings.maxTtlS) * 1000;
    const now = Date.now();
    const expiresAtMs = now + ttl;
    const grants = await this.ledgerCall(holdId, () =>
      this.deps.ledger.renewHold(holdId, expiresAtMs, now),
    );
    const hold = this.holds.get(holdId);
    // A renewal names the site's keys as they are now: a site that rotated its key mid-lease signs
    // its receipts with the new one.
    const siteKeys = new Map<string, string[]>();
    for (const siteId of new Set(grants.map((g) => g.siteId)))
      siteKeys.set(siteId, await this.sitePublicKeys(siteId));
    const leases = grants.map((g) => {
      this.deps.agents.renew(g.siteId, g.leaseId, expiresAtMs);
      const prior = hold?.leases.find((l) => l.lease_id === g.leaseId);
      return this.leaseOf(g, expiresAtMs, now, prior, siteKeys.get(g.siteId));
    });
    if (hold) {
      hold.expiresAtMs = Math.max(hold.expiresAtMs, expiresAtMs);
      hold.leases = leases;
    }
    return leases;
  }

  /**
   * The site's enrolled public keys for a lease to name. A database that cannot answer names none:
   * the lease still serves, and the SDK keeps that site's receipts as unverified (no_site_key).
   */
  private async sitePublicKeys(siteId: string): Promise<string[]> {
    if (!this.deps.siteKeys) return [];
    try {
      return await this.deps.siteKeys.publicKeys(siteId);
    } catch (err) {
      this.deps.log.warn(
        { siteId, err: describeError(err) },
        'site keys unavailable: the lease names none',
      );
      return [];
    }
  }

  /**
   * Ends the leases at once (agents stop serving and flush their burns) and closes the hold
   * after the settle window, so burns still in flight post against it rather than as debt. Any
   * replica may release any hold; of two Releases of one hold (on any replicas) one wins, the
   * other answers UNKNOWN_HOLD, as a second Release always has.
   */
  async release(holdId: string): Promise<{ burned: number; released: number }> {
    const first = await this.ledgerCall(holdId, () =>
      this.deps.ledger.scheduleRelease(holdId, Date.now() + this.deps.settings.settleMs),
    );
    if (!first) {
      this.forget(holdId, 'released');
      throw new UnknownLeaseHoldError(holdId);
    }
    // The granting replica knows the live leases (it alone reroutes them); another reads them.
    const granted = this.holds.get(holdId);
    const live = granted?.request
      ? granted.leases.map((l) => ({ siteId: l.site_id, leaseId: l.lease_id }))
      : await this.deps.ledger.liveLeases(holdId);
    for (const l of live) this.deps.agents.revoke(l.siteId, l.leaseId, 'released');
    this.forget(holdId, 'released');
    // Burned = reconciled so far; the remainder returns to the customer when the settle window ends.
    const st = await this.deps.ledger.holdState(holdId);
    return { burned: st.posted, released: st.remaining };
  }

  /**
   * The customer of a live hold (for checking who may renew, release or watch it): from this
   * replica's memory, or from the shared database for a hold another replica granted.
   */
  async customerOfHold(holdId: string): Promise<string | undefined> {
    const known = this.holds.get(holdId);
    if (known) return known.customerId;
    if (!ENTITY_ID_PATTERN.test(holdId)) return undefined;
    const [v] = await this.deps.ledger.holdViews([holdId]);
    return v && isLive(v, Date.now()) ? v.customerId : undefined;
  }

  /** The sites of a hold's live leases on this replica (a watched hold is followed here); [] when unknown. */
  leaseSites(holdId: string): string[] {
    return this.holds.get(holdId)?.leases.map((l) => l.site_id) ?? [];
  }

  /**
   * Tells `fn` how the hold's leases move and when they end. A hold another replica granted is
   * adopted from the database: its Release, Renew or expiry anywhere reaches this replica through
   * the hold change feed (applyHoldChange) and the expiry sweep.
   */
  async watch(holdId: string, fn: (e: edgefleet.v1.LeaseEvent) => void): Promise<() => void> {
    let hold = this.holds.get(holdId);
    if (!hold) {
      const [v] = ENTITY_ID_PATTERN.test(holdId) ? await this.deps.ledger.holdViews([holdId]) : [];
      hold = this.holds.get(holdId); // granted or adopted here meanwhile
      if (!hold) {
        if (!v || !isLive(v, Date.now())) throw new UnknownLeaseHoldError(holdId);
        const grants = await this.deps.ledger.liveLeases(holdId);
        hold = this.holds.get(holdId) ?? this.adopt(v, grants);
      }
    }
    const h = hold;
    h.watchers.add(fn);
    return () => {
      h.watchers.delete(fn);
      // An adopted hold is kept only while someone watches it here.
      if (!h.request && h.watchers.size === 0 && this.holds.get(h.holdId) === h)
        this.holds.delete(h.holdId);
    };
  }

  /**
   * What another replica did to a hold this replica serves (the hold change feed): a Release ends
   * it here too (its watchers are told), a Renew moves its expiry.
   */
  applyHoldChange(v: HoldView): void {
    const hold = this.holds.get(v.holdId);
    if (!hold) return;
    if (v.status !== 'pending' || v.releaseAtMs !== null) {
      this.forget(v.holdId, v.status === 'expired' ? 'expired' : 'released');
      return;
    }
    hold.expiresAtMs = Math.max(hold.expiresAtMs, v.expiresAtMs);
  }

  /**
   * Drops holds whose TTL passed (the ledger voids them after the settle window). Each is checked
   * against the database first: a Renew or Release on another replica that the change feed has not
   * brought yet is applied instead.
   */
  async sweepExpired(now: number): Promise<void> {
    // Change-driven: a quiet sweep does not walk every hold (ExpiryBound).
    const due = this.expiries.due(now, this.holds.values());
    if (due.length === 0) return;
    const views = new Map((await this.deps.ledger.holdViews(due)).map((v) => [v.holdId, v]));
    for (const id of due) {
      const v = views.get(id);
      if (v) this.applyHoldChange(v);
      const h = this.holds.get(id);
      if (h && h.expiresAtMs <= now) this.forget(id, 'expired', now);
      // Renewed elsewhere meanwhile: it stays, and its new expiry bounds the next walk.
      else if (h) this.expiries.note(h.expiresAtMs);
    }
  }

  /** Drops a hold from this replica and tells its watchers why it ended. */
  private forget(holdId: string, why: 'released' | 'expired', now = Date.now()): void {
    const h = this.holds.get(holdId);
    if (!h) return;
    this.holds.delete(holdId);
    for (const l of h.leases) this.untrack(l);
    const ev = new pb.LeaseEvent({
      kind: why === 'expired' ? pb.LeaseEvent.Kind.KIND_EXPIRED : pb.LeaseEvent.Kind.KIND_REVOKE,
      hold_id: holdId,
      reason: why,
      ts_ms: now,
    });
    for (const w of h.watchers) w(ev);
  }

  /** A hold another replica granted, served here from its rows (no Acquire request: it is not rerouted from here). */
  private adopt(v: HoldView, grants: readonly LeaseGrant[]): LiveHold {
    const first = grants[0];
    const hold: LiveHold = {
      holdId: v.holdId,
      customerId: v.customerId,
      model: first?.model ?? '',
      budget: first?.budgetMicroTokens ?? 0,
      isolation: first?.isolation ?? '',
      expiresAtMs: v.expiresAtMs,
      request: undefined,
      leases: grants.map((g) => this.leaseOf(g, v.expiresAtMs, Date.now())),
      watchers: new Set(),
    };
    this.holds.set(v.holdId, hold);
    this.expiries.note(hold.expiresAtMs);
    return hold;
  }

  /** A lease's message with a freshly signed token, from its row (and what this replica knew of it). */
  private leaseOf(
    g: LeaseGrant,
    expiresAtMs: number,
    now: number,
    prior?: edgefleet.v1.Lease,
    sitePublicKeys?: string[],
  ): edgefleet.v1.Lease {
    const token = this.minter.mint({
      lid: g.leaseId,
      hid: g.holdId,
      sid: g.siteId,
      cid: g.customerId,
      mdl: g.model,
      bud: g.budgetMicroTokens,
      iat: now,
      exp: expiresAtMs,
      iso: g.isolation,
    });
    const keys = sitePublicKeys ?? prior?.site_public_keys ?? [];
    if (prior)
      return new pb.Lease({ ...prior, token, expires_at_ms: expiresAtMs, site_public_keys: keys });
    const site = this.deps.registry.get(g.siteId);
    return new pb.Lease({
      lease_id: g.leaseId,
      hold_id: g.holdId,
      site_id: g.siteId,
      endpoint: site?.endpoint ?? '',
      endpoint_tls: site?.endpointTls ?? false,
      mig_instance_uuid: g.migInstanceUuid,
      token,
      expires_at_ms: expiresAtMs,
      budget_micro_tokens: g.budgetMicroTokens,
      accelerator_model: g.acceleratorModel,
      slot: g.slot,
      site_public_keys: keys,
    });
  }

  /** A ledger call on a hold: a hold that is not there or no longer live is UNKNOWN_HOLD to the caller. */
  private async ledgerCall<T>(holdId: string, fn: () => Promise<T>): Promise<T> {
    // Hold ids are the coordinator's own entity ids: anything else was never issued, so it is
    // unknown (NOT_FOUND) on Renew, Release and Watch alike, not an argument the ledger refuses.
    if (!isValidEntityId(holdId)) throw new UnknownLeaseHoldError(holdId);
    try {
      return await fn();
    } catch (err) {
      if (err instanceof LedgerUnknownHoldError || err instanceof HoldClosedError) {
        this.forget(
          holdId,
          err instanceof HoldClosedError && err.status === 'expired' ? 'expired' : 'released',
        );
        throw new UnknownLeaseHoldError(holdId);
      }
      throw err;
    }
  }

  /** A site went offline or draining: move each of its leases elsewhere and tell the watchers. */
  private async failover(siteId: string, why: string): Promise<void> {
    const ids = this.bySite.get(siteId);
    if (!ids || ids.size === 0) return;
    for (const [leaseId, holdId] of [...ids]) {
      const hold = this.holds.get(holdId);
      if (!hold?.request) continue;
      const old = hold.leases.find((l) => l.lease_id === leaseId);
      if (!old) continue;
      hold.leases = hold.leases.filter((l) => l.lease_id !== leaseId);
      this.untrack(old);
      // No replica renews or lists it any more (the agent, offline or draining, was told by its revoke).
      await this.deps.ledger.endLeases([leaseId], Date.now());
      const exclude = new Set(hold.leases.map((l) => l.site_id).concat(siteId));
      // The guarantee holds on failover too: a moved lease never takes the last free slots an
      // active reservation of another customer is owed.
      for (const g of this.guardedFor(hold.customerId, Date.now()) ?? []) exclude.add(g);
      const routed = this.routeOnly(hold.request, 4, exclude);
      let replacement: edgefleet.v1.Lease | undefined;
      for (const cand of routed.ranked) {
        replacement = await this.offerTo(hold, cand, Date.now());
        if (replacement) break;
      }
      if (replacement) {
        this.track(replacement);
        this.countAdmitting(replacement.site_id, -1);
      }
      const ev = new pb.LeaseEvent({
        kind: replacement ? pb.LeaseEvent.Kind.KIND_REROUTE : pb.LeaseEvent.Kind.KIND_REVOKE,
        hold_id: hold.holdId,
        lease_id: leaseId,
        site_id: siteId,
        reason: `site ${why}`,
        replacement: replacement ?? null,
        ts_ms: Date.now(),
      });
      for (const w of hold.watchers) w(ev);
      this.deps.log.info(
        { siteId, leaseId, replacement: replacement?.site_id },
        'lease rerouted after site loss',
      );
    }
  }

  private track(l: edgefleet.v1.Lease): void {
    let leases = this.bySite.get(l.site_id);
    if (!leases) this.bySite.set(l.site_id, (leases = new Map()));
    leases.set(l.lease_id, l.hold_id);
    this.startedAt.set(l.lease_id, Date.now());
  }

  private untrack(l: edgefleet.v1.Lease): void {
    this.bySite.get(l.site_id)?.delete(l.lease_id);
    this.startedAt.delete(l.lease_id);
    // A lease under notice that ends otherwise (Release, expiry, site loss) frees its slot sooner.
    this.preemptions?.ended(l.lease_id);
  }
}

/** Renew, Release and Watch serve a hold while it is pending, no Release is scheduled and its TTL has not passed. */
function isLive(v: HoldView, now: number): boolean {
  return v.status === 'pending' && v.releaseAtMs === null && v.expiresAtMs > now;
}

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Rejects a lease request whose fields are out of range or could not be stored (exported for its tests). */
export function validateRequest(
  req: edgefleet.v1.AcquireRequest,
  s: LeaseSettings,
  forAcquire: boolean,
): void {
  if (forAcquire && !req.customer_id) throw new InvalidLeaseRequestError('customer_id', 'required');
  // Ids reach the database: the same shape the REST API accepts (a NUL byte made PostgreSQL fail with INTERNAL).
  if (forAcquire && !ENTITY_ID_PATTERN.test(req.customer_id))
    throw new InvalidLeaseRequestError(
      'customer_id',
      'must be 1-128 characters of A-Z a-z 0-9 . _ - starting with a letter or digit',
    );
  if (!req.model) throw new InvalidLeaseRequestError('model', 'required');
  if (req.model.length > 256 || CONTROL_CHARS.test(req.model))
    throw new InvalidLeaseRequestError('model', 'at most 256 characters, no control characters');
  if (
    forAcquire &&
    (!Number.isSafeInteger(req.budget_micro_tokens) ||
      req.budget_micro_tokens <= 0 ||
      req.budget_micro_tokens > MAX_BUDGET)
  ) {
    throw new InvalidLeaseRequestError(
      'budget_micro_tokens',
      `must be an integer in 1..${MAX_BUDGET}`,
    );
  }
  if (req.hedges > s.maxHedges)
    throw new InvalidLeaseRequestError('hedges', `at most ${s.maxHedges}`);
  if (req.ttl_s > s.maxTtlS) throw new InvalidLeaseRequestError('ttl_s', `at most ${s.maxTtlS}`);
  if (req.max_rtt_ms < 0 || !Number.isFinite(req.max_rtt_ms))
    throw new InvalidLeaseRequestError('max_rtt_ms', 'must be >= 0');
  if (req.priority > 9) throw new InvalidLeaseRequestError('priority', 'must be 0..9');
  const l = req.location;
  if (l?.has_coordinates && !(Math.abs(l.lat ?? 0) <= 90 && Math.abs(l.lon ?? 0) <= 180))
    throw new InvalidLeaseRequestError('location', 'lat must be in -90..90 and lon in -180..180');
  if (
    l?.has_velocity &&
    !((l.speed_mps ?? 0) >= 0 && (l.speed_mps ?? 0) < 400 && Number.isFinite(l.heading_deg ?? 0))
  )
    throw new InvalidLeaseRequestError(
      'location',
      'speed_mps must be in 0..400 and heading_deg finite',
    );
}
