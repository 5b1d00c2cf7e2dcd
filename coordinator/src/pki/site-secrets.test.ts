import { describe, expect, it } from 'vitest';
import { hashSecret, secretMatches } from './site-secrets.js';

describe('site secret hashing', () => {
  it('stores a sha256 hex digest and matches only the same secret (string or bytes)', () => {
    const h = hashSecret('s3cret');
    expect(h).toBe('1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(secretMatches('s3cret', h)).toBe(true);
    expect(secretMatches(Buffer.from('s3cret'), h)).toBe(true);
    expect(secretMatches('s3cret!', h)).toBe(false);
    expect(secretMatches('s3cret', 'not hex')).toBe(false);
  });
});
