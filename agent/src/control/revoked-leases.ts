/** How many revoked lease ids the agent remembers; past it the oldest is forgotten (its token has long expired). */
export const REVOKED_LEASES_LIMIT = 100_000;

/**
 * Leases a coordinator revoked: Infer refuses their tokens even though the signature and expiry
 * are still good. Bounded, oldest out first, so a long-running site does not grow without end.
 */
export class RevokedLeases {
  private readonly ids = new Set<string>();

  constructor(private readonly limit = REVOKED_LEASES_LIMIT) {}

  add(leaseId: string): void {
    this.ids.add(leaseId);
    if (this.ids.size > this.limit) this.ids.delete(this.ids.values().next().value as string);
  }

  has(leaseId: string): boolean {
    return this.ids.has(leaseId);
  }

  get size(): number {
    return this.ids.size;
  }
}
