import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signLeaseToken, verifyKeysFromPems, verifyLeaseToken } from '@edgefleet/proto';
import { KeyFileUnlinkError } from './errors.js';
import { makeKeyFileUnremovable } from './keys.test-support.js';
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
    expect(ring.retire(3_600_000, rotatedAt + 3_600_000).retired).toEqual([]);
    expect(ring.retire(3_600_000, rotatedAt + 3_600_001)).toEqual({
      retired: [old],
      unlinkFailures: [],
    });
    expect(ring.published().map((k) => k.kid)).toEqual([next]);
    expect(ring.retire(0, rotatedAt + 10 ** 9).retired).toEqual([]); // the current key never retires
    expect(
      SigningKeyRing.open(dir)
        .published()
        .map((k) => k.kid),
    ).toEqual([next]);
  });

  it('retires a key whose file cannot be removed (read-only keys directory) in memory, and reports the failure instead of throwing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ef-keys-'));
    const ring = SigningKeyRing.open(dir);
    const old = ring.current.kid;
    const next = ring.rotate().kid;
    const pinned = makeKeyFileUnremovable(dir, old);
    try {
      const r = ring.retire(0, createdAtMs(next) + 1);
      expect(r.retired).toEqual([old]);
      expect(r.unlinkFailures).toHaveLength(1);
      const [failure] = r.unlinkFailures;
      expect(failure).toBeInstanceOf(KeyFileUnlinkError);
      expect(failure?.name).toBe('KeyFileUnlinkError');
      expect(failure?.data).toMatchObject({ kid: old });
      expect(failure?.cause).toBeDefined();
      expect(ring.published().map((k) => k.kid)).toEqual([next]);
      expect(ring.current.kid).toBe(next);
      // the file stays, so the next retirement (here, or after a restart) reports it again
      expect(ring.retire(0, createdAtMs(next) + 2).unlinkFailures).toEqual([]);
    } finally {
      pinned.restore();
    }
  });

  it('gives distinct ids to keys made in the same millisecond', () => {
    const ring = SigningKeyRing.open(undefined);
    const kids = new Set(Array.from({ length: 20 }, () => ring.rotate().kid));
    expect(kids.size).toBe(20);
  });
});
