import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { signingKeyFromPem, type SigningKeyPair } from '@edgefleet/proto';
import { KeyFileUnlinkError } from './errors.js';
import { leaseMacKey, signingSeed } from './lease-mac.js';

/** What retire() did: the key ids it dropped, and the files of those it could not remove. */
export interface RetireResult {
  retired: string[];
  unlinkFailures: KeyFileUnlinkError[];
}

/**
 * The coordinator's Ed25519 lease-signing keys, one PEM file per key id under
 * <dataDir>/keys (mode 0600). The newest key signs; every key stays published so tokens
 * signed before a rotation keep verifying until they expire. A key id is `k<ms base36>-<random>`:
 * the creation time orders the keys and says when each was superseded, so `retire()` can drop a
 * key once no token it signed can still be live (the newer key's age > the longest lease TTL).
 */
export class SigningKeyRing {
  /** Per-site ef2 MAC keys by signing key id, then site id (derived once each; dropped with their key). */
  private readonly macKeys = new Map<string, { seed: Buffer; sites: Map<string, Buffer> }>();
  private readonly listeners: (() => void)[] = [];

  private constructor(
    private readonly keys: SigningKeyPair[],
    private readonly dir: string | undefined,
  ) {}

  /** Called after every rotate() and every retire() that dropped a key (EdgeControl resends MAC keys). */
  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  /** The site's ef2 MAC key under signing key `kid` (undefined once that key retired). */
  macKey(kid: string, siteId: string): Buffer | undefined {
    let m = this.macKeys.get(kid);
    if (!m) {
      const k = this.keys.find((x) => x.kid === kid);
      if (!k) return undefined;
      m = { seed: signingSeed(k.privateKey), sites: new Map() };
      this.macKeys.set(kid, m);
    }
    let key = m.sites.get(siteId);
    if (!key) {
      key = leaseMacKey(m.seed, siteId);
      m.sites.set(siteId, key);
    }
    return key;
  }

  /** Every live key's MAC key for the site, oldest first (what the site is sent). */
  macKeysFor(siteId: string): { kid: string; key: Buffer }[] {
    return this.keys.map((k) => ({ kid: k.kid, key: this.macKey(k.kid, siteId) as Buffer }));
  }

  static open(dataDir: string | undefined): SigningKeyRing {
    if (!dataDir) return new SigningKeyRing([fresh()], undefined);
    const dir = join(dataDir, 'keys');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const kidOf = (f: string) => f.slice('lease-signing-'.length, -'.pem'.length);
    const files = readdirSync(dir)
      .filter((f) => /^lease-signing-[\w-]+\.pem$/.test(f))
      .sort((a, b) => createdAtMs(kidOf(a)) - createdAtMs(kidOf(b)) || a.localeCompare(b));
    const keys = files.map((f) => signingKeyFromPem(kidOf(f), readFileSync(join(dir, f), 'utf8')));
    const ring = new SigningKeyRing(keys, dir);
    if (keys.length === 0) ring.rotate();
    return ring;
  }

  get current(): SigningKeyPair {
    return this.keys[this.keys.length - 1] as SigningKeyPair;
  }

  published(): { kid: string; public_key_pem: string }[] {
    return this.keys.map((k) => ({ kid: k.kid, public_key_pem: k.publicKeyPem }));
  }

  get size(): number {
    return this.keys.length;
  }

  /**
   * Drops keys superseded more than `maxAgeMs` ago (every token they signed has expired), from
   * the ring and the disk. A file that cannot be removed (read-only keys directory) does not keep
   * its key in the ring: it comes back as an unlink failure for the caller to log and count, and
   * retire() itself never throws (it runs on a timer).
   */
  retire(maxAgeMs: number, nowMs: number = Date.now()): RetireResult {
    const out: RetireResult = { retired: [], unlinkFailures: [] };
    while (this.keys.length > 1) {
      const next = this.keys[1] as SigningKeyPair;
      if (nowMs - createdAtMs(next.kid) <= maxAgeMs) break;
      const old = this.keys.shift() as SigningKeyPair;
      out.retired.push(old.kid);
      this.macKeys.delete(old.kid);
      if (!this.dir) continue;
      const file = join(this.dir, `lease-signing-${old.kid}.pem`);
      try {
        rmSync(file, { force: true });
      } catch (err) {
        out.unlinkFailures.push(new KeyFileUnlinkError(old.kid, file, err));
      }
    }
    if (out.retired.length > 0) for (const fn of this.listeners) fn();
    return out;
  }

  /** Adds a new signing key; older ones stay published. */
  rotate(): SigningKeyPair {
    const k = fresh();
    if (this.dir) {
      const pem = k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      writeFileSync(join(this.dir, `lease-signing-${k.kid}.pem`), pem, { mode: 0o600 });
    }
    this.keys.push(k);
    for (const fn of this.listeners) fn();
    return k;
  }
}

/** Creation time from a key id `k<ms base36>[-…]` (0 when the id does not carry one). */
export function createdAtMs(kid: string): number {
  const m = /^k([0-9a-z]+)/.exec(kid);
  const t = m ? parseInt(m[1] as string, 36) : 0;
  return Number.isSafeInteger(t) ? t : 0;
}

function fresh(): SigningKeyPair {
  const kid = `k${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const { privateKey } = generateKeyPairSync('ed25519');
  return signingKeyFromPem(kid, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}
