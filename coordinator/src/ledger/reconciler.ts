import cron, { type ScheduledTask } from 'node-cron';
import { describeError, type Logger } from '@edgefleet/common';
import type { PackageStore } from './packages.js';
import type { Ledger, ReconciliationReport } from './types.js';
import type { CoordinatorMetrics } from '../metrics.js';
import type { MessageBus } from '../transport/bus.js';
import { publishBurnAck } from '../transport/burn-ack.js';

/**
 * Runs reconciliation on a node-cron schedule and on demand (never two at once), then acks
 * each site's high-water mark (and asks for a resend on a gap) over MQTT, and voids holds
 * whose settle window has passed.
 */
export class Reconciler {
  private task: ScheduledTask | undefined;
  private running: Promise<ReconciliationReport> | undefined;
  private readonly listeners: ((r: ReconciliationReport) => void)[] = [];

  constructor(
    private readonly d: {
      ledger: Ledger;
      /** Token packages: the unspent remainder of those whose validity ended leaves at each run. */
      packages?: Pick<PackageStore, 'expire'>;
      bus: MessageBus;
      metrics: CoordinatorMetrics;
      log: Logger;
      settleMs: number;
    },
  ) {}

  start(schedule: string): void {
    if (!cron.validate(schedule)) throw new Error(`invalid reconcile.schedule "${schedule}"`);
    this.task = cron.schedule(
      schedule,
      () => {
        this.runNow().catch((err: unknown) =>
          this.d.log.error({ err: describeError(err) }, 'scheduled reconciliation failed'),
        );
      },
      { noOverlap: true, name: 'reconcile' },
    );
  }

  onReport(fn: (r: ReconciliationReport) => void): void {
    this.listeners.push(fn);
  }

  /** Runs now, or joins the run already in progress. */
  runNow(): Promise<ReconciliationReport> {
    if (this.running) return this.running;
    this.running = this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<ReconciliationReport> {
    const now = Date.now();
    let report: ReconciliationReport;
    try {
      report = await this.d.ledger.reconcile(now);
      await this.d.ledger.expireHolds(now, this.d.settleMs);
      const pkgs = await this.d.packages?.expire(now);
      if (pkgs && pkgs.deferred > 0) {
        this.d.metrics.packageExpiriesDeferred.inc(pkgs.deferred);
        this.d.log.info(
          { deferred: pkgs.deferred },
          "package expiry deferred: the remainder counts µT on other replicas' slices; retried next run",
        );
      }
    } catch (err) {
      this.d.metrics.reconRuns.inc({ result: 'error' });
      throw err;
    }
    this.d.metrics.reconRuns.inc({ result: 'ok' });
    for (const s of report.sites) {
      this.d.metrics.reconAccepted.inc(s.acceptedMicroTokens);
      for (const k of [
        'duplicate',
        'gap',
        'overBudget',
        'unknownLease',
        'late',
        'tampered',
        'refused',
        'disputed',
      ] as const) {
        if (s[k] > 0) this.d.metrics.reconDiscrepancies.inc({ kind: k }, s[k]);
      }
      // Not awaited: with the broker away a QoS 1 publish waits for the reconnect, and the run (and
      // every on-demand caller joined to it) must not wait with it. The client queues it; an ack that
      // is lost anyway is repeated by a later run or answered by the site's resend.
      publishBurnAck(this.d.bus, {
        siteId: s.siteId,
        ackedSeq: s.ackedSeq,
        resendFrom: s.resendFrom,
        runId: report.runId,
      }).catch((err: unknown) => {
        this.d.log.warn({ err: describeError(err), siteId: s.siteId }, 'burn ack publish failed');
      });
    }
    for (const fn of this.listeners) fn(report);
    return report;
  }

  async stop(): Promise<void> {
    if (this.task) await this.task.stop();
    if (this.running) await this.running.catch(() => undefined);
  }
}
