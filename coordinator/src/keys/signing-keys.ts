import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { signingKeyFromPem, type SigningKeyPair } from '@edgefleet/proto';

/**
 * The coordinator's Ed25519 lease-signing keys, one PEM file per key id under
 * <dataDir>/keys (mode 0600). The newest key signs; every key stays published so tokens
 * signed before a rotation keep verifying until they expire.
 */
export class SigningKeyRing {
  private constructor(private readonly keys: SigningKeyPair[], private readonly dir: string | undefined) {}

  static open(dataDir: string | undefined): SigningKeyRing {
    if (!dataDir) return new SigningKeyRing([fresh()], undefined);
    const dir = join(dataDir, 'keys');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const files = readdirSync(dir).filter((f) => /^lease-signing-[\w-]+\.pem$/.test(f)).sort();
    const keys = files.map((f) => signingKeyFromPem(f.slice('lease-signing-'.length, -'.pem'.length), readFileSync(join(dir, f), 'utf8')));
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

  /** Adds a new signing key; older ones stay published. */
  rotate(): SigningKeyPair {
    const k = fresh();
    if (this.dir) {
      const pem = k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      writeFileSync(join(this.dir, `lease-signing-${k.kid}.pem`), pem, { mode: 0o600 });
    }
    this.keys.push(k);
    return k;
  }
}

function fresh(): SigningKeyPair {
  const kid = `k${Date.now().toString(36)}`;
  const { privateKey } = generateKeyPairSync('ed25519');
  return signingKeyFromPem(kid, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}
