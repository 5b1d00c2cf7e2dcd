import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBurnBatch, verifyBurnBatch } from '@edgefleet/proto';
import {
  SITE_KEY_FILE,
  SiteKey,
  SiteKeyInvalidError,
  SiteKeyMissingError,
  SiteKeyModeTooOpenError,
  newSiteKeyPair,
  readSiteKey,
  sitePublicKeyPem,
  writeSiteKey,
} from './site-key.js';
import { writeCredentials } from './credentials.js';

const dir = () => mkdtempSync(join(tmpdir(), 'ef-site-key-'));
const batch = { site_id: 'site-a', records: [{ seq: 1, hash: 'a'.repeat(64) }] };

describe('site key', () => {
  it('is written mode 0600 and read back as the key whose public half was enrolled', () => {
    const d = dir();
    const pair = newSiteKeyPair();
    const path = writeSiteKey(d, pair.privateKeyPem);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const key = readSiteKey(d);
    expect(
      verifyBurnBatch(pair.publicKeyPem, { ...batch, signature: signBurnBatch(key, batch) }),
    ).toEqual({
      ok: true,
    });
    expect(sitePublicKeyPem(pair.privateKeyPem)).toBe(pair.publicKeyPem);
  });

  it('is written beside credentials.json by writeCredentials (enrollment), not into it', () => {
    const d = dir();
    const pair = newSiteKeyPair();
    writeCredentials(d, {
      siteId: 'site-a',
      secret: 's',
      coordinator: { grpc: '', http: '' },
      mqtt: { url: '' },
      signingKeys: [],
      location: { lat: 0, lon: 0, region: '' },
      enrolledAt: '',
      siteKeyPem: pair.privateKeyPem,
    });
    expect(readFileSync(join(d, 'credentials.json'), 'utf8')).not.toContain('PRIVATE KEY');
    expect(statSync(join(d, SITE_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(createPublicKey(readSiteKey(d)).export({ type: 'spki', format: 'pem' })).toBe(
      pair.publicKeyPem,
    );
  });

  it('refuses a key file more open than 0600, by name', () => {
    const d = dir();
    const path = writeSiteKey(d, newSiteKeyPair().privateKeyPem);
    for (const mode of [0o640, 0o604, 0o644]) {
      chmodSync(path, mode);
      expect(() => readSiteKey(d)).toThrow(SiteKeyModeTooOpenError);
      expect(() => SiteKey.open(d, false)).toThrow(SiteKeyModeTooOpenError);
    }
    chmodSync(path, 0o400);
    expect(readSiteKey(d).asymmetricKeyType).toBe('ed25519');
  });

  it('refuses to open without the file when signing is required, and signs nothing when it is not', () => {
    const d = dir();
    expect(() => SiteKey.open(d, true)).toThrow(SiteKeyMissingError);
    expect(SiteKey.open(d, false).current()).toBeUndefined();
  });

  it('refuses a file that is no Ed25519 private key', () => {
    const d = dir();
    writeFileSync(join(d, SITE_KEY_FILE), 'not a key', { mode: 0o600 });
    expect(() => readSiteKey(d)).toThrow(SiteKeyInvalidError);
  });

  it('follows the file when it is replaced (a rotation while the agent runs)', () => {
    const d = dir();
    const first = newSiteKeyPair();
    const second = newSiteKeyPair();
    writeSiteKey(d, first.privateKeyPem);
    const key = SiteKey.open(d, true);
    const sign = () => ({ ...batch, signature: signBurnBatch(key.current() as never, batch) });
    expect(verifyBurnBatch(first.publicKeyPem, sign()).ok).toBe(true);
    writeSiteKey(d, second.privateKeyPem);
    expect(verifyBurnBatch(second.publicKeyPem, sign()).ok).toBe(true);
    expect(verifyBurnBatch(first.publicKeyPem, sign()).ok).toBe(false);
  });
});
