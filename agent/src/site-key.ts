import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { EdgefleetError } from '@edgefleet/common';

/**
 * The site's Ed25519 key (docs/verification.md "Signed burns"): made at enrollment, its public half
 * enrolled with the coordinator, its private half kept here as PEM (mode 0600, beside
 * credentials.json). The burn uploader signs every batch with it at publish time, so a rotated key
 * signs every record still in the outbox.
 */
export const SITE_KEY_FILE = 'site-key.pem';
/** A rotation in progress: the new key, written before the coordinator is told of it (agent/src/rotate-site-key.ts). */
export const SITE_KEY_NEXT_FILE = 'site-key.next.pem';

export class SiteKeyMissingError extends EdgefleetError {
  constructor(path: string, cause?: unknown) {
    super(
      'SITE_KEY_MISSING',
      `no site key at ${path}, and burns must be signed (burnSigning "require"): restore the file, or run "edgefleet-agent rotate-site-key" to make and register a new one`,
      { path },
      { cause },
    );
  }
}

export class SiteKeyModeTooOpenError extends EdgefleetError {
  constructor(path: string, mode: number) {
    const octal = (mode & 0o777).toString(8).padStart(3, '0');
    super(
      'SITE_KEY_MODE_TOO_OPEN',
      `site key ${path} has mode 0${octal}; anyone who can read it can sign burns for this site: chmod 600 ${path} (and consider rotating the key)`,
      { path, mode: `0${octal}` },
    );
  }
}

export class SiteKeyInvalidError extends EdgefleetError {
  constructor(path: string, reason: string, cause?: unknown) {
    super(
      'SITE_KEY_INVALID',
      `site key ${path} is not an Ed25519 private key: ${reason}`,
      { path },
      { cause },
    );
  }
}

export function siteKeyPath(dataDir: string, file: string = SITE_KEY_FILE): string {
  return join(dataDir, file);
}

/** A fresh Ed25519 key pair as PEM (PKCS#8 private, SPKI public). */
export function newSiteKeyPair(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** The public half of a private key PEM, as SPKI PEM. */
export function sitePublicKeyPem(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem))
    .export({ type: 'spki', format: 'pem' })
    .toString();
}

/** Writes atomically with mode 0600 (the data directory 0700 if it is made here). */
export function writeSiteKey(
  dataDir: string,
  privateKeyPem: string,
  file: string = SITE_KEY_FILE,
): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = siteKeyPath(dataDir, file);
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, privateKeyPem, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  return path;
}

/** Moves the rotation's new key into place (atomic rename). */
export function promoteNextSiteKey(dataDir: string): void {
  renameSync(siteKeyPath(dataDir, SITE_KEY_NEXT_FILE), siteKeyPath(dataDir, SITE_KEY_FILE));
}

export function removeSiteKey(dataDir: string, file: string): void {
  rmSync(siteKeyPath(dataDir, file), { force: true });
}

/** Whether the file exists (ENOENT is no; any other error is thrown). */
export function siteKeyExists(dataDir: string, file: string = SITE_KEY_FILE): boolean {
  try {
    statSync(siteKeyPath(dataDir, file));
    return true;
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return false;
    throw err;
  }
}

/** Reads and checks a key file: present, no more open than 0600, an Ed25519 private key. */
export function readSiteKey(dataDir: string, file: string = SITE_KEY_FILE): KeyObject {
  const path = siteKeyPath(dataDir, file);
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (err) {
    throw new SiteKeyMissingError(path, err);
  }
  // POSIX permission bits only: Windows reports no group/other bits worth checking.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    throw new SiteKeyModeTooOpenError(path, mode);
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new SiteKeyInvalidError(path, 'not a PEM private key', err);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new SiteKeyInvalidError(path, `it is a ${key.asymmetricKeyType ?? 'unknown'} key`);
  return key;
}

/**
 * The key the uploader signs with. Checked at agent start (a key that must exist and does not, or is
 * too open, stops the start); then re-read when the file changes (a rotation from
 * `edgefleet-agent rotate-site-key` while the agent runs), so unsent burns go out under the new key.
 */
export class SiteKey {
  private key: KeyObject | undefined;
  private stamp = '';

  private constructor(
    private readonly dataDir: string,
    private readonly required: boolean,
  ) {}

  /** Opens the site key; `required` (burnSigning "require") makes a missing file an error. */
  static open(dataDir: string, required: boolean): SiteKey {
    const k = new SiteKey(dataDir, required);
    k.refresh();
    return k;
  }

  /** The signing key now, or undefined when none is kept and none is required. Throws the named errors. */
  current(): KeyObject | undefined {
    this.refresh();
    return this.key;
  }

  private refresh(): void {
    let stamp: string;
    try {
      const s = statSync(siteKeyPath(this.dataDir));
      stamp = `${s.ino}:${s.mtimeMs}:${s.size}:${s.mode}`;
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'ENOENT') throw err;
      if (this.required) throw new SiteKeyMissingError(siteKeyPath(this.dataDir), err);
      this.key = undefined;
      this.stamp = '';
      return;
    }
    if (stamp === this.stamp) return;
    this.key = readSiteKey(this.dataDir);
    this.stamp = stamp;
  }
}
