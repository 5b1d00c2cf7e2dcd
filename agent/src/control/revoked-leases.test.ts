import { describe, expect, it } from 'vitest';
import { REVOKED_LEASES_LIMIT, RevokedLeases } from './revoked-leases.js';

describe('RevokedLeases', () => {
  it('remembers revoked leases', () => {
    const r = new RevokedLeases();
    r.add('a');
    expect([r.has('a'), r.has('b')]).toEqual([true, false]);
  });

  it('is bounded: past the limit the oldest revoke is forgotten first', () => {
    const r = new RevokedLeases(3);
    for (const id of ['a', 'b', 'c', 'd']) r.add(id);
    expect(r.size).toBe(3);
    expect(['a', 'b', 'c', 'd'].map((id) => r.has(id))).toEqual([false, true, true, true]);
  });

  it('holds 100,000 by default', () => {
    expect(REVOKED_LEASES_LIMIT).toBe(100_000);
    const r = new RevokedLeases();
    for (let i = 0; i <= REVOKED_LEASES_LIMIT; i++) r.add(`l${i}`);
    expect(r.size).toBe(REVOKED_LEASES_LIMIT);
    expect([r.has('l0'), r.has('l1'), r.has(`l${REVOKED_LEASES_LIMIT}`)]).toEqual([
      false,
      true,
      true,
    ]);
  });
});
