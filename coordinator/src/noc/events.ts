import type { SiteState } from '../fleet/site.js';
import type { Alert } from './alerts.js';

export type NocEvent =
  | { type: 'site'; data: { siteId: string; from: SiteState; to: SiteState; atMs: number } }
  | {
      type: 'run';
      data: {
        runId: string;
        startedAtMs: number;
        sites: number;
        acceptedMicroTokens: number;
        discrepancies: number;
      };
    }
  | { type: 'alert'; data: Alert };

/** Fan-out of NOC events to Server-Sent Event streams; a slow subscriber loses events, never blocks the publisher. */
export class EventHub {
  private readonly subs = new Set<(e: NocEvent) => void>();

  get subscribers(): number {
    return this.subs.size;
  }

  subscribe(fn: (e: NocEvent) => void): () => void {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  }

  publish(e: NocEvent): void {
    for (const fn of this.subs) fn(e);
  }
}
