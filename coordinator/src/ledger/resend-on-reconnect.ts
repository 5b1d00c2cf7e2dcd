import { describeError, type Logger } from '@edgefleet/common';
import type { MessageBus } from '../transport/bus.js';
import { publishBurnAck } from '../transport/burn-ack.js';
import type { Ledger } from './types.js';

/**
 * After the coordinator's own broker connection comes back, batches the sites published while
 * it was away are gone (the session is not persistent, and a shared subscription may have had
 * no member). Tell every site its reconciled head and ask it to resend from there, rather than
 * waiting for the agents' retransmit timer. Returns how many sites were asked.
 */
export async function requestResendAll(
  bus: MessageBus,
  ledger: Pick<Ledger, 'chainHeads'>,
  siteIds: Iterable<string>,
): Promise<number> {
  const heads = new Map<string, number>();
  for (const r of await ledger.chainHeads()) heads.set(r.siteId, r.headSeq);
  let n = 0;
  for (const siteId of siteIds) {
    const head = heads.get(siteId) ?? 0;
    await publishBurnAck(bus, { siteId, ackedSeq: head, resendFrom: head + 1, runId: 'reconnect' });
    n++;
  }
  return n;
}

/**
 * The broker-reconnect policy: a connection that comes back after being down asks every site to
 * resend its unacknowledged burns (requestResendAll). A first "up", or one with no "down" before
 * it, asks nothing.
 */
export class ResendOnReconnect {
  private brokerWasDown = false;

  constructor(
    private readonly d: {
      bus: MessageBus;
      ledger: Pick<Ledger, 'chainHeads'>;
      siteIds: () => Iterable<string>;
      log: Logger;
    },
  ) {}

  /** Follows the bus's own connection (external brokers; the embedded one never goes away). */
  attach(): void {
    this.d.bus.onConnectionChange?.((up) => {
      void this.connectionChanged(up);
    });
  }

  /** Resolves once the resend requests of a reconnect went out (or failed, which is logged). */
  async connectionChanged(up: boolean): Promise<void> {
    if (!up) {
      this.brokerWasDown = true;
      return;
    }
    if (!this.brokerWasDown) return;
    this.brokerWasDown = false;
    try {
      const n = await requestResendAll(this.d.bus, this.d.ledger, this.d.siteIds());
      this.d.log.info({ sites: n }, 'broker back: asked every site to resend unacknowledged burns');
    } catch (err) {
      this.d.log.warn({ err: describeError(err) }, 'resend request after broker reconnect failed');
    }
  }
}
