import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SigningKeyRing } from './signing-keys.js';

describe('per-site lease MAC keys (SigningKeyRing.macKey)', () => {
  it('differ per site and per signing key, survive a restart (derived from the key file), and retire with their key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ef-mac-'));
    const ring = SigningKeyRing.open(dir);
    const k1 = ring.current.kid;
    const a1 = ring.macKey(k1, 'site-a') as Buffer;
    expect(a1).toHaveLength(32);
    expect(ring.macKey(k1, 'site-a')?.equals(a1)).toBe(true);
    expect(ring.macKey(k1, 'site-b')?.equals(a1)).toBe(false);
    // Another replica (or a restart) reading the same keys directory derives the same key.
    expect(SigningKeyRing.open(dir).macKey(k1, 'site-a')?.equals(a1)).toBe(true);

    let changes = 0;
    ring.onChange(() => changes++);
    const k2 = ring.rotate().kid;
    expect(changes).toBe(1);
    expect(ring.macKey(k2, 'site-a')?.equals(a1)).toBe(false);
    expect(ring.macKeysFor('site-a').map((k) => k.kid)).toEqual([k1, k2]);

    expect(ring.retire(0, Date.now() + 10_000).retired).toEqual([k1]);
    expect(changes).toBe(2);
    expect(ring.macKey(k1, 'site-a')).toBeUndefined();
    expect(ring.macKeysFor('site-a').map((k) => k.kid)).toEqual([k2]);
    // Nothing retired: no change announced.
    ring.retire(0, Date.now() + 10_000);
    expect(changes).toBe(2);
  });
});
