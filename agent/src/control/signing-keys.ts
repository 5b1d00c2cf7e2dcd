import { verifyKeysFromPems, type VerifyKeys } from '@edgefleet/proto';

export interface SigningKey {
  kid: string;
  public_key_pem: string;
}

/**
 * The coordinator's lease-signing public keys as this agent knows them: the enrolled ones, plus
 * every key the config topic has announced since. Keys are kept after a rotation so that tokens
 * signed before it stay valid until they expire. The configuration the agent started with is
 * copied, never changed.
 */
export class SigningKeys {
  private keys: readonly SigningKey[];
  private verify: VerifyKeys;

  constructor(initial: readonly SigningKey[]) {
    this.keys = initial.map((k) => ({ ...k }));
    this.verify = verifyKeysFromPems(this.keys);
  }

  /** What Infer checks lease tokens against. */
  get current(): VerifyKeys {
    return this.verify;
  }

  get list(): readonly SigningKey[] {
    return this.keys;
  }

  /**
   * Adds announced keys (an empty announcement changes nothing); a kid announced again takes the
   * new PEM, and entries without a kid or a PEM are dropped. A PEM that does not parse throws and
   * leaves the keys as they were.
   */
  merge(announced: readonly { kid?: string | null; public_key_pem?: string | null }[]): void {
    if (announced.length === 0) return;
    const merged = new Map<string, SigningKey>();
    for (const k of this.keys) merged.set(k.kid, k);
    for (const k of announced)
      merged.set(k.kid ?? '', { kid: k.kid ?? '', public_key_pem: k.public_key_pem ?? '' });
    const next = [...merged.values()].filter((k) => k.kid && k.public_key_pem);
    this.verify = verifyKeysFromPems(next);
    this.keys = next;
  }
}
