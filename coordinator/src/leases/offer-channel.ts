import type { edgefleet } from '@edgefleet/proto';

/** A lease offered to a site (the channel adds its own offer id). */
export type LeaseOfferTerms = Omit<edgefleet.v1.LeaseOffer.$Properties, 'offer_id'>;

/**
 * How LeaseService talks to the agents, whatever carries it (the EdgeControl streams in grpc/
 * implement it). The agent is the authority on its capacity: an offer is a question, and the
 * reply carries its own count of free slots.
 */
export interface OfferChannel {
  /** Offers a lease; resolves with the agent's answer, rejects when the site is not connected or does not answer in time. */
  offer(
    siteId: string,
    offer: LeaseOfferTerms,
    timeoutMs: number,
  ): Promise<edgefleet.v1.OfferReply>;
  /**
   * Admits a lease against the quota the site's agent pre-granted this replica, without a round
   * trip (grpc/edge-control.ts, leases/site-quota.ts): the reply the agent would have given, or
   * undefined when the site has no live quota here or no delegated slot free (then offer it).
   */
  admitLocally?(siteId: string, offer: LeaseOfferTerms): edgefleet.v1.OfferReply | undefined;
  /** Tells a site its lease now runs until expiresAtMs. False when the site has no channel (it learns at its next renewal or the lease ends). */
  renew(siteId: string, leaseId: string, expiresAtMs: number): boolean;
  /** Ends a lease on its site at once (the agent stops serving it and flushes its burns). False when the site has no channel. */
  revoke(siteId: string, leaseId: string, reason: string): boolean;
  /** True when the site's ef2 MAC key under signing key `kid` has gone down its channel (absent: never; tokens are ef1). */
  macReady?(siteId: string, kid: string): boolean;
}
