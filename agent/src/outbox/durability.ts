/**
 * When an append resolves (README "Durability"):
 * - `fsync-before-answer`: after the record's frame is written and fdatasync'd. Survives SIGKILL and
 *   power loss.
 * - `write-before-answer`: after the frame's write(2) to the log, i.e. in the kernel's page cache.
 *   Survives SIGKILL and an OOM kill (the kernel still has the bytes); the fdatasync follows in the
 *   background within `syncIntervalMs` (plus the fsync's own time). Only a power loss or a kernel crash
 *   can lose records, at most those written since the last completed background sync.
 */
export const OUTBOX_DURABILITIES = ['fsync-before-answer', 'write-before-answer'] as const;
export type OutboxDurability = (typeof OUTBOX_DURABILITIES)[number];

export const DEFAULT_DURABILITY: OutboxDurability = 'fsync-before-answer';
/** Default delay from the first unsynced write to its background fdatasync (write-before-answer). */
export const DEFAULT_SYNC_INTERVAL_MS = 5;

/**
 * The crash guarantee a durability gives, in one sentence: logged when the site's outbox opens
 * (burns/site-outbox.ts) and stated by `doctor`.
 */
export function describeDurability(durability: OutboxDurability, syncIntervalMs: number): string {
  return durability === 'write-before-answer'
    ? `write-before-answer: answers wait for the burn's write; fsync'd within ${syncIntervalMs} ms, so a power loss can lose that much of the site's burns (EDGEFLEET_AGENT_OUTBOX__DURABILITY=fsync-before-answer for none)`
    : "fsync-before-answer: answers wait for the burn's fsync (nothing lost at a power loss; each answer pays one fsync)";
}
