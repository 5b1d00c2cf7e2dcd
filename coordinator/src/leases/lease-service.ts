import { randomUUID } from 'node:crypto';
import { describeError, type Logger } from '@edgefleet/common';
import { pb, signLeaseToken, type edgefleet } from '@edgefleet/proto';
import type { FleetRegistry } from '../fleet/registry.js';
import type { EdgeControlHub } from '../grpc/edge-control.js';
import type { SigningKeyRing } from '../keys/signing-keys.js';
import type { Ledger } from '../ledger/types.js';
import type { CoordinatorMetrics } from '../metrics.js';
import { route, type Candidate, type RouteContext, type RouteResult } from '../routing/route.js';
import { InvalidLeaseRequestError, NoSiteAvailableError, UnknownLeaseHoldError } from './errors.js';

export interface LeaseSettings {
  defaultTtlS: number;
  maxTtlS: number;
  maxHedges: number;
  offerTimeoutMs: number;
  settleMs: number;
}

interface LiveHold {
  holdId: string;
  customerId: string;
  model: string;
  budget: number;
  isolation: string;
  expiresAtMs: number;
  request: edgefleet.v1.AcquireRequest;
  leases: edgefleet.v1.Lease[];
  watchers: Set<(e: edgefleet.v1.LeaseEvent) => void>;
}

export type RoutingContextFactory = (keep: number) => Omit<RouteContext, 'keep'>;

const MAX_BUDGET = 1_000_000_000_000; // 1 million tokens in one lease

/**
 * Leases as two-phase holds: Acquire routes, holds the budget on the customer's balance,
 * offers the lease to agents (who admit or reject), and signs a token for each admitted one.
 */
export class LeaseService {
  private readonly holds = new Map<string, LiveHold>();
  private readonly bySite = new Map<string, Set<string>>();

  constructor(
    private readonly deps: {
      registry: FleetRegistry;
      hub: EdgeControlHub;
      ledger: Ledger;
      keys: SigningKeyRing;
      metrics: CoordinatorMetrics;
      log: Logger;
      settings: LeaseSettings;
      routing: RoutingContextFactory;
    },
  ) {
    deps.registry.on('state', (ch) => {
      if (ch.to === 'offline' || ch.to === 'draining') void this.failover(ch.siteId, ch.to).catch((err: unknown) => deps.log.error({ err: describeError(err) }, 'failover failed'));
    });
  }

  get liveHolds(): number {
    return this.holds.size;
  }

  listHolds(): { holdId: string; customerId: string; model: string; budget: number; expiresAtMs: number; leases: edgefleet.v1.Lease[] }[] {
    return [...this.holds.values()].map((h) => ({ holdId: h.holdId, customerId: h.customerId, model: h.model, budget: h.budget, expiresAtMs: h.expiresAtMs, leases: h.leases }));
  }

  routeOnly(req: edgefleet.v1.AcquireRequest, keep: number, exclude?: ReadonlySet<string>): RouteResult {
    const t0 = process.hrtime.bigint();
    const r = route(this.deps.registry.all(), {
      model: req.model,
      location: {
        ...(req.location?.pop_id ? { popId: req.location.pop_id } : {}),
        ...(req.location?.has_coordinates ? { lat: req.location.lat ?? 0, lon: req.location.lon ?? 0 } : {}),
      },
      maxRttMs: req.max_rtt_ms,
      domesticOnly: req.domestic_only,
      acceleratorKinds: req.accelerator_kinds,
      isolation: req.isolation,
      ...(exclude ? { exclude } : {}),
    }, { ...this.deps.routing(keep), keep });
    this.deps.metrics.routingSeconds.observe(Number(process.hrtime.bigint() - t0) / 1e9);
    return r;
  }

  async acquire(req: edgefleet.v1.AcquireRequest): Promise<edgefleet.v1.AcquireResponse> {
    const s = this.deps.settings;
    if (!req.customer_id) throw new InvalidLeaseRequestError('customer_id', 'required');
    if (!req.model) throw new InvalidLeaseRequestError('model', 'required');
    if (!Number.isSafeInteger(req.budget_micro_tokens) || req.budget_micro_tokens <= 0 || req.budget_micro_tokens > MAX_BUDGET) {
      throw new InvalidLeaseRequestError('budget_micro_tokens', `must be an integer in 1..${MAX_BUDGET}`);
    }
    if (req.hedges > s.maxHedges) throw new InvalidLeaseRequestError('hedges', `at most ${s.maxHedges}`);
    if (req.ttl_s > s.maxTtlS) throw new InvalidLeaseRequestError('ttl_s', `at most ${s.maxTtlS}`);
    if (req.max_rtt_ms < 0 || !Number.isFinite(req.max_rtt_ms)) throw new InvalidLeaseRequestError('max_rtt_ms', 'must be >= 0');

    const wanted = 1 + req.hedges;
    const routed = this.routeOnly(req, wanted + 4);
    if (routed.ranked.length === 0) {
      this.deps.metrics.leaseRejects.inc({ reason: 'no_site' });
      throw new NoSiteAvailableError(req.model, { considered: routed.considered, rejected: routed.rejected });
    }
    const ttlMs = (req.ttl_s || s.defaultTtlS) * 1000;
    const now = Date.now();
    const holdId = `h-${randomUUID()}`;
    const expiresAtMs = now + ttlMs;
    await this.deps.ledger.placeHold({ holdId, customerId: req.customer_id, microTokens: req.budget_micro_tokens, expiresAtMs });

    const hold: LiveHold = {
      holdId, customerId: req.customer_id, model: req.model, budget: req.budget_micro_tokens, isolation: req.isolation || 'whole',
      expiresAtMs, request: req, leases: [], watchers: new Set(),
    };
    const granted: { lease: edgefleet.v1.Lease; cand: Candidate }[] = [];
    for (const cand of routed.ranked) {
      if (granted.length >= wanted) break;
      const lease = await this.offerTo(hold, cand, now);
      if (lease) granted.push({ lease, cand });
    }
    if (granted.length === 0) {
      await this.deps.ledger.releaseHold(holdId, 'released');
      this.deps.metrics.leaseRejects.inc({ reason: 'all_rejected' });
      throw new NoSiteAvailableError(req.model, { considered: routed.considered, eligible: routed.eligible, offered: routed.ranked.length, admitted: 0 });
    }
    this.holds.set(holdId, hold);
    for (const g of granted) this.track(g.lease);
    this.deps.metrics.leaseGrants.inc({ role: 'primary' });
    if (granted.length > 1) this.deps.metrics.leaseGrants.inc({ role: 'hedge' }, granted.length - 1);

    const [primary, ...hedges] = granted as [{ lease: edgefleet.v1.Lease; cand: Candidate }, ...{ lease: edgefleet.v1.Lease; cand: Candidate }[]];
    const runnerUp = routed.ranked.find((c) => c.site.siteId !== primary.cand.site.siteId);
    return new pb.AcquireResponse({
      primary: primary.lease,
      hedges: hedges.map((h) => h.lease),
      explanation: req.explain || true ? {
        winner: candidateMsg(primary.cand),
        ...(runnerUp ? { runner_up: candidateMsg(runnerUp) } : {}),
        considered: routed.considered,
        eligible: routed.eligible,
        rejected: Object.fromEntries(Object.entries(routed.rejected).map(([k, v]) => [k, v ?? 0])),
        status: routed.status,
      } : null,
    });
  }

  /** Offers one lease of the hold to a candidate site; undefined when the agent says no. */
  private async offerTo(hold: LiveHold, cand: Candidate, now: number): Promise<edgefleet.v1.Lease | undefined> {
    const site = cand.site;
    const leaseId = `l-${randomUUID()}`;
    site.inflight++;
    let reply: edgefleet.v1.OfferReply;
    try {
      reply = await this.deps.hub.offer(site.siteId, {
        lease_id: leaseId, hold_id: hold.holdId, model: hold.model, budget_micro_tokens: hold.budget, expires_at_ms: hold.expiresAtMs, isolation: hold.isolation,
      }, this.deps.settings.offerTimeoutMs);
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
      this.deps.metrics.leaseRejects.inc({ reason: `agent_${reply.reason || 'rejected'}`.slice(0, 40) });
      return undefined;
    }
    this.deps.registry.noteError(site.siteId, false);
    await this.deps.ledger.registerLease({
      leaseId, holdId: hold.holdId, siteId: site.siteId, customerId: hold.customerId, model: hold.model,
      budgetMicroTokens: hold.budget, issuedAtMs: now, expiresAtMs: hold.expiresAtMs,
    });
    const token = signLeaseToken(this.deps.keys.current, {
      lid: leaseId, hid: hold.holdId, sid: site.siteId, cid: hold.customerId, mdl: hold.model, bud: hold.budget, iat: now, exp: hold.expiresAtMs, iso: hold.isolation,
    });
    const lease = new pb.Lease({
      lease_id: leaseId, hold_id: hold.holdId, site_id: site.siteId, endpoint: site.endpoint, token, expires_at_ms: hold.expiresAtMs,
      budget_micro_tokens: hold.budget, expected_rtt_ms: Number.isNaN(cand.rttMs) ? 0 : cand.rttMs, power_price_per_kwh: cand.pricePerKwh,
      accelerator_model: reply.accelerator_model, slot: reply.slot, available_slots: reply.slots_free,
    });
    hold.leases.push(lease);
    return lease;
  }

  async renew(holdId: string, ttlS: number): Promise<edgefleet.v1.Lease[]> {
    const hold = this.holds.get(holdId);
    if (!hold) throw new UnknownLeaseHoldError(holdId);
    const ttl = Math.min(ttlS || this.deps.settings.defaultTtlS, this.deps.settings.maxTtlS) * 1000;
    const expiresAtMs = Date.now() + ttl;
    await this.deps.ledger.renewHold(holdId, expiresAtMs);
    hold.expiresAtMs = expiresAtMs;
    const now = Date.now();
    hold.leases = hold.leases.map((l) => {
      this.deps.hub.send(l.site_id, { renewal: { lease_id: l.lease_id, expires_at_ms: expiresAtMs } });
      const token = signLeaseToken(this.deps.keys.current, {
        lid: l.lease_id, hid: holdId, sid: l.site_id, cid: hold.customerId, mdl: hold.model, bud: hold.budget, iat: now, exp: expiresAtMs, iso: hold.isolation,
      });
      return new pb.Lease({ ...l, token, expires_at_ms: expiresAtMs });
    });
    return hold.leases;
  }

  /**
   * Ends the leases at once (agents stop serving and flush their burns) and closes the hold
   * after the settle window, so burns still in flight post against it rather than as debt.
   */
  async release(holdId: string): Promise<{ burned: number; released: number }> {
    const hold = this.holds.get(holdId);
    if (!hold) throw new UnknownLeaseHoldError(holdId);
    for (const l of hold.leases) {
      this.deps.hub.send(l.site_id, { revoke: { lease_id: l.lease_id, reason: 'released' } });
      this.untrack(l);
    }
    this.holds.delete(holdId);
    for (const w of hold.watchers) w(new pb.LeaseEvent({ kind: pb.LeaseEvent.Kind.KIND_REVOKE, hold_id: holdId, reason: 'released', ts_ms: Date.now() }));
    await this.deps.ledger.scheduleRelease(holdId, Date.now() + this.deps.settings.settleMs);
    // Burned = reconciled so far; the remainder returns to the customer when the settle window ends.
    const st = await this.deps.ledger.holdState(holdId);
    return { burned: st.posted, released: st.remaining };
  }

  watch(holdId: string, fn: (e: edgefleet.v1.LeaseEvent) => void): () => void {
    const hold = this.holds.get(holdId);
    if (!hold) throw new UnknownLeaseHoldError(holdId);
    hold.watchers.add(fn);
    return () => hold.watchers.delete(fn);
  }

  /** Drops holds whose TTL passed (the ledger voids them after the settle window). */
  sweepExpired(now: number): void {
    for (const h of this.holds.values()) {
      if (h.expiresAtMs > now) continue;
      this.holds.delete(h.holdId);
      for (const l of h.leases) this.untrack(l);
      for (const w of h.watchers) w(new pb.LeaseEvent({ kind: pb.LeaseEvent.Kind.KIND_EXPIRED, hold_id: h.holdId, reason: 'expired', ts_ms: now }));
    }
  }

  /** A site went offline or draining: move each of its leases elsewhere and tell the watchers. */
  private async failover(siteId: string, why: string): Promise<void> {
    const ids = this.bySite.get(siteId);
    if (!ids || ids.size === 0) return;
    for (const leaseId of [...ids]) {
      const hold = [...this.holds.values()].find((h) => h.leases.some((l) => l.lease_id === leaseId));
      if (!hold) continue;
      const old = hold.leases.find((l) => l.lease_id === leaseId);
      if (!old) continue;
      hold.leases = hold.leases.filter((l) => l.lease_id !== leaseId);
      this.untrack(old);
      const exclude = new Set(hold.leases.map((l) => l.site_id).concat(siteId));
      const routed = this.routeOnly(hold.request, 4, exclude);
      let replacement: edgefleet.v1.Lease | undefined;
      for (const cand of routed.ranked) {
        replacement = await this.offerTo(hold, cand, Date.now());
        if (replacement) break;
      }
      if (replacement) this.track(replacement);
      const ev = new pb.LeaseEvent({
        kind: replacement ? pb.LeaseEvent.Kind.KIND_REROUTE : pb.LeaseEvent.Kind.KIND_REVOKE,
        hold_id: hold.holdId, lease_id: leaseId, site_id: siteId, reason: `site ${why}`, replacement: replacement ?? null, ts_ms: Date.now(),
      });
      for (const w of hold.watchers) w(ev);
      this.deps.log.info({ siteId, leaseId, replacement: replacement?.site_id }, 'lease rerouted after site loss');
    }
  }

  private track(l: edgefleet.v1.Lease): void {
    let set = this.bySite.get(l.site_id);
    if (!set) this.bySite.set(l.site_id, (set = new Set()));
    set.add(l.lease_id);
  }

  private untrack(l: edgefleet.v1.Lease): void {
    this.bySite.get(l.site_id)?.delete(l.lease_id);
  }
}

function candidateMsg(c: Candidate): edgefleet.v1.Candidate.$Properties {
  return {
    site_id: c.site.siteId, score: c.score, rtt_ms: Number.isNaN(c.rttMs) ? 0 : c.rttMs, rtt_source: c.rttSource,
    cost_micro_tokens_per_hour: c.costPerTokenHour, load: c.load, error_rate: c.site.errorRate,
  };
}
