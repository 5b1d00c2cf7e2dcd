import { randomUUID } from 'node:crypto';
import { describeError, type Logger } from '@edgefleet/common';
import type { Registry } from 'prom-client';
import type { Db } from '../db/index.js';
import { ChangeFeed } from '../fleet/change-feed.js';
import type { FleetRegistry } from '../fleet/registry.js';
import type { SqlLedger } from '../ledger/index.js';
import { drawArrivals } from './arrivals.js';
import { runCanary, type CanaryDeps, type CanaryResult } from './canary.js';
import { CanaryInferCaller } from './canary-infer.js';
import { spotCheckMetrics } from './metrics.js';
import { echoOracle, fixtureOracle, loadFixture, type Oracle } from './oracles.js';
import { ReputationStore, type ReputationChange, type SiteReputation } from './reputation-store.js';
import type { SpotCheckSettings } from './settings.js';

export interface SpotChecks {
  readonly settings: SpotCheckSettings;
  /** One canary on one site now (the scheduler's step; also for tests and operators). */
  checkSite(siteId: string, model?: string): Promise<CanaryResult | undefined>;
  list(): Promise<SiteReputation[]>;
  get(siteId: string): Promise<SiteReputation>;
  /**
   * An operator's decision on a drained site: routable again at `settings.reputation.reinstateTo`,
   * and what is held on its dispute account paid to it, returned to the mint, or kept for later.
   */
  reinstate(
    siteId: string,
    o: { by: string; disputed: 'pay' | 'reject' | 'keep' },
  ): Promise<{ reputation: SiteReputation; dispute: { resolved: number; left: number } | null }>;
  /** What the site's dispute account holds (µT): bound breaches and earnings held while drained. */
  disputeBalance(siteId: string): Promise<number>;
  /** Canaries run by this replica since start, by verdict. */
  counts(): Record<CanaryResult['verdict'], number>;
  close(): Promise<void>;
}

export interface SpotCheckDeps {
  settings: SpotCheckSettings;
  registry: FleetRegistry;
  leases: CanaryDeps['leases'];
  ledger: SqlLedger;
  db: Db;
  /** gRPC TLS in force: its CA(s) verify the sites' Inference certificates (plaintext sites need none). */
  tls?: { caPem: string; clientCaPem?: string } | undefined;
  metrics?: Registry;
  log: Logger;
  random?: () => number;
}

/** How often the earnings of drained sites are swept to their dispute accounts. */
const SWEEP_EVERY_TICKS = 5;

function oracleFor(m: SpotCheckSettings['models'][number]): Oracle {
  return m.oracle === 'echo' ? echoOracle(m.model) : fixtureOracle(loadFixture(m.model));
}

/**
 * Spot-checks (docs/verification.md, "Spot-checks"): canaries at Poisson arrivals through ordinary
 * leases, each verdict folded into the site's shared reputation (routing scores it); a site that
 * falls below the threshold is drained and its unsettled earnings held on dispute until an operator
 * reinstates it. Refuses to start on a fixture that cannot be read.
 */
export async function startSpotChecks(d: SpotCheckDeps): Promise<SpotChecks> {
  const s = d.settings;
  const random = d.random ?? Math.random;
  const oracles = new Map(s.models.map((m) => [m.model, { cfg: m, oracle: oracleFor(m) }]));
  const store = new ReputationStore(d.db, s.reputation);
  const caller = new CanaryInferCaller(
    d.tls ? [d.tls.caPem, d.tls.clientCaPem ?? ''].filter(Boolean).join('\n') : undefined,
  );
  const m = d.metrics ? spotCheckMetrics(d.metrics) : undefined;
  const counts: Record<CanaryResult['verdict'], number> = {
    pass: 0,
    wrong: 0,
    slow: 0,
    error: 0,
    skipped: 0,
  };

  const apply = (c: Pick<ReputationChange, 'siteId' | 'reputation' | 'quarantined'>): void => {
    const site = d.registry.get(c.siteId);
    if (!site) return;
    site.reputation = c.reputation;
    site.quarantined = c.quarantined;
  };
  const from = await store.lastChangeSeq();
  for (const r of await store.list()) apply(r);
  const feed = new ChangeFeed<ReputationChange>({
    name: 'site reputation',
    changesSince: (seq, limit) => store.changesSince(seq, limit),
    apply,
    from,
    log: d.log,
  });
  // Other replicas' verdicts arrive only through a shared PostgreSQL database: an embedded PGlite
  // ledger is this process's alone, and this replica applies its own verdicts as it records them.
  if (d.db.kind === 'postgres') feed.start(s.tickMs);

  let funding: Promise<void> = Promise.resolve();
  const fund = (): Promise<void> => {
    funding = funding.then(async () => {
      const b = await d.ledger.balance(s.customerId);
      if (b.available < s.leaseBudgetMicroTokens * 10)
        await d.ledger.topUp(s.customerId, s.topUpMicroTokens, `spotcheck-${randomUUID()}`);
    });
    return funding;
  };
  const canaryDeps: CanaryDeps = {
    settings: s,
    leases: d.leases,
    caller,
    random,
    async leaseSpeed(leaseId) {
      const [row] = await d.db.query<{ slot_fraction: number | null; multiplier: number | null }>(
        'SELECT slot_fraction, multiplier FROM leases WHERE id = $1',
        [leaseId],
      );
      return row?.slot_fraction && row.multiplier
        ? { slotFraction: Number(row.slot_fraction), multiplier: Number(row.multiplier) }
        : undefined;
    },
  };

  const holdEarnings = async (siteId: string): Promise<void> => {
    const moved = await d.ledger.disputeEarnings(siteId, `reputation-${randomUUID()}`);
    if (moved > 0) {
      m?.heldEarnings.inc(moved);
      d.log.warn(
        { siteId, microTokens: moved },
        'spot-checks: drained site earnings held on dispute',
      );
    }
  };

  let inFlight = 0;
  const checkSite = async (siteId: string, model?: string): Promise<CanaryResult | undefined> => {
    const site = d.registry.get(siteId);
    const entry = oracles.get(model ?? site?.models.find((x) => oracles.has(x)) ?? '');
    if (!site || !entry) return undefined;
    inFlight++;
    try {
      await fund();
      const r = await runCanary(canaryDeps, site, entry.cfg, entry.oracle);
      counts[r.verdict]++;
      m?.canaries.inc({ model: r.model, verdict: r.verdict });
      if (r.verdict === 'skipped') return r;
      const { after, drainedNow } = await store.record(
        site.siteId,
        r.verdict,
        r.detail,
        Date.now(),
      );
      apply(after);
      if (r.verdict !== 'pass')
        d.log.warn({ ...r, reputation: after.reputation }, 'spot-check failed');
      if (drainedNow) {
        m?.drained.inc();
        d.log.error(
          { siteId, reputation: after.reputation, wrong: after.wrong, slow: after.slow },
          'spot-checks: site drained by its reputation; earnings held on dispute until an operator reinstates it',
        );
        await holdEarnings(siteId);
      }
      return r;
    } finally {
      inFlight--;
    }
  };

  let ticks = 0;
  const models = new Set(oracles.keys());
  const tick = (): void => {
    ticks++;
    const drained = [...d.registry.all()].filter((x) => x.quarantined);
    m?.quarantined.set(drained.length);
    if (ticks % SWEEP_EVERY_TICKS === 0)
      for (const x of drained)
        void holdEarnings(x.siteId).catch((err: unknown) =>
          d.log.error(
            { siteId: x.siteId, err: describeError(err) },
            'spot-checks: holding earnings failed',
          ),
        );
    if (!s.enabled) return;
    const due = drawArrivals(
      d.registry.all(),
      { models, perSiteHourly: s.perSiteHourly, tickMs: s.tickMs, room: s.maxInFlight - inFlight },
      random,
    );
    for (const { site, model } of due)
      void checkSite(site.siteId, model).catch((err: unknown) =>
        d.log.error({ siteId: site.siteId, err: describeError(err) }, 'spot-check failed to run'),
      );
  };
  const timer = setInterval(tick, s.tickMs);
  timer.unref();

  return {
    settings: s,
    checkSite,
    list: () => store.list(),
    get: (siteId) => store.get(siteId),
    async reinstate(siteId, o) {
      // Never lowers a reputation (reinstating a site that was not drained leaves its score alone).
      const now = await store.get(siteId);
      const to = Math.max(now.reputation, s.reputation.reinstateTo);
      const reputation = await store.reinstate(siteId, to, o.by, Date.now());
      apply(reputation);
      const dispute =
        o.disputed === 'keep'
          ? null
          : await d.ledger.resolveDispute(siteId, o.disputed, { ref: `reinstate-${randomUUID()}` });
      d.log.warn(
        { siteId, by: o.by, disputed: o.disputed, dispute },
        'spot-checks: site reinstated',
      );
      return { reputation, dispute };
    },
    disputeBalance: (siteId) => d.ledger.disputeBalance(siteId),
    counts: () => ({ ...counts }),
    async close() {
      clearInterval(timer);
      feed.stop();
      caller.close();
      await funding.catch(() => undefined);
    },
  };
}
