import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signLeaseToken, verifyKeysFromPems, verifyLeaseToken } from '@edgefleet/proto';
import { createdAtMs, SigningKeyRing } from './signing-keys.js';

const claims = (exp: number) => ({
  lid: 'l',
  hid: 'h',
  sid: 's',
  cid: 'c',
  mdl: 'm',
  bud: 1,
  iat: 0,
  exp,
  iso: 'whole',
});

describe('SigningKeyRing', () => {
  it('rotates: the new key signs, the old one stays published so its tokens keep verifying; both survive a restart (0600 files)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ef-keys-'));
    const ring = SigningKeyRing.open(dir);
    const old = ring.current;
    const oldToken = signLeaseToken(old, claims(Date.now() + 60_000));
    const next = ring.rotate();
    expect(next.kid).not.toBe(old.kid);
    expect(ring.current.kid).toBe(next.kid);
    expect(ring.published().map((k) => k.kid)).toEqual([old.kid, next.kid]);
    expect(verifyLeaseToken(oldToken, verifyKeysFromPems(ring.published())).sid).toBe('s');

    const reopened = SigningKeyRing.open(dir);
    expect(reopened.current.kid).toBe(next.kid);
    expect(reopened.published().map((k) => k.kid)).toEqual([old.kid, next.kid]);
    for (const f of readdirSync(join(dir, 'keys')))
      expect(statSync(join(dir, 'keys', f)).mode & 0o777).toBe(0o600);
  });

  it('retires a superseded key only once the newer key is older than the longest lease TTL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ef-keys-'));
    const ring = SigningKeyRing.open(dir);
    const old = ring.current.kid;
    const next = ring.rotate().kid;
    const rotatedAt = createdAtMs(next);
    expect(rotatedAt).toBeGreaterThan(0);
    expect(ring.retire(3_600_000, rotatedAt + 3_600_000)).toEqual([]);
    expect(ring.retire(3_600_000, rotatedAt + 3_600_001)).toEqual([old]);
    expect(ring.published().map((k) => k.kid)).toEqual([next]);
    expect(ring.retire(0, rotatedAt + 10 ** 9)).toEqual([]); // the current key never retires
    expect(
      SigningKeyRing.open(dir)
        .published()
        .map((k) => k.kid),
    ).toEqual([next]);
  });

  it('gives distinct ids to keys made in the same millisecond', () => {
    const ring = SigningKeyRing.open(undefined);
    const kids = new Set(Array.from({ length: 20 }, () => ring.rotate().kid));
    expect(kids.size).toBe(20);
  });
});
