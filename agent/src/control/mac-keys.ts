import type { edgefleet } from '@edgefleet/proto';

/**
 * The site's ef2 lease-token MAC keys (HMAC-SHA256, one per coordinator key id), as the coordinator
 * replicas sent them on their EdgeControl streams. Each replica's message replaces what that replica
 * sent before (a retired key goes); Infer checks against the union, so a token minted by any replica
 * verifies. Kept in memory only: a restarted agent gets them again with its next welcome, and until
 * then an ef2 token is refused as an unknown key (the coordinator mints ef1 for a site it has not
 * sent keys to).
 */
export class MacKeys {
  private readonly byReplica = new Map<string, ReadonlyMap<string, Buffer>>();
  private merged: ReadonlyMap<string, Buffer> = new Map();

  /** What Infer checks ef2 tokens against (rebuilt only when a replica sends keys). */
  get current(): ReadonlyMap<string, Buffer> {
    return this.merged;
  }

  /** A replica's LeaseMacKeys: keys without a kid or of another length than 32 bytes are dropped. */
  set(target: string, msg: edgefleet.v1.LeaseMacKeys.$Properties): void {
    const keys = new Map<string, Buffer>();
    for (const k of msg.keys ?? []) {
      if (!k.kid || !k.key || k.key.length !== 32) continue;
      keys.set(k.kid, Buffer.from(k.key));
    }
    this.byReplica.set(target, keys);
    const merged = new Map<string, Buffer>();
    for (const m of this.byReplica.values()) for (const [kid, key] of m) merged.set(kid, key);
    this.merged = merged;
  }
}
