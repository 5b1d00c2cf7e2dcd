import { readFileSync } from 'node:fs';
import type { edgefleet } from '@edgefleet/proto';
import { writeSecret } from '../credentials.js';

/** Where an agent keeps its MAC keys between runs (in its data directory, mode 0600). */
export const MAC_KEYS_FILE = 'lease-mac-keys.json';

/** The replica entry the keys read from disk at start are kept under, until a replica sends its own. */
const FROM_DISK = '(from disk)';

/**
 * The site's ef2 lease-token MAC keys (HMAC-SHA256, one per coordinator key id), as the coordinator
 * replicas sent them on their EdgeControl streams. Each replica's message replaces what that replica
 * sent before (a retired key goes); Infer checks against the union, so a token minted by any replica
 * verifies.
 *
 * With `path` they are also kept on disk (written atomically, mode 0600, like the site key) and read
 * back at start, so a restarted agent checks the ef2 tokens of its live leases at once instead of
 * refusing them as an unknown key until its next welcome. The keys read from disk stand in until
 * the first replica sends its set (every replica derives the same set from the shared key ring).
 * The file is rewritten only when the set differs from what was last written or read (each
 * replica's message would otherwise rewrite it).
 */
export class MacKeys {
  private readonly byReplica = new Map<string, ReadonlyMap<string, Buffer>>();
  private merged: ReadonlyMap<string, Buffer> = new Map();
  /** The serialized set last written to (or read from) `path`. */
  private written: string | undefined;

  constructor(
    private readonly path?: string,
    /** A failed read or write of `path` (the keys still work in memory). */
    private readonly onFileError: (err: unknown) => void = () => undefined,
  ) {
    if (path === undefined) return;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') onFileError(err);
      return;
    }
    try {
      const saved = JSON.parse(text) as Record<string, unknown>;
      const keys = new Map<string, Buffer>();
      for (const [kid, b64] of Object.entries(saved)) {
        const key = typeof b64 === 'string' ? Buffer.from(b64, 'base64') : undefined;
        if (kid && key?.length === 32) keys.set(kid, key);
      }
      this.byReplica.set(FROM_DISK, keys);
      this.merge();
      this.written = text;
    } catch (err) {
      onFileError(err);
    }
  }

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
    this.byReplica.delete(FROM_DISK);
    this.byReplica.set(target, keys);
    this.merge();
    this.save();
  }

  private merge(): void {
    const merged = new Map<string, Buffer>();
    for (const m of this.byReplica.values()) for (const [kid, key] of m) merged.set(kid, key);
    this.merged = merged;
  }

  private serialize(): string {
    const out: Record<string, string> = {};
    for (const [kid, key] of this.merged) out[kid] = key.toString('base64');
    return JSON.stringify(out);
  }

  private save(): void {
    if (this.path === undefined) return;
    const text = this.serialize();
    if (text === this.written) return;
    try {
      writeSecret(this.path, text);
      this.written = text;
    } catch (err) {
      this.onFileError(err);
    }
  }
}
