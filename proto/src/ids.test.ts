import { describe, expect, it } from 'vitest';
import { ENTITY_ID_MAX_CHARS, SITE_ID_MAX_CHARS, isValidEntityId, isValidSiteId } from './ids.js';

describe('id patterns', () => {
  it('site ids: lowercase DNS-label shape, 1–63 characters', () => {
    expect(isValidSiteId('eu-central-0001')).toBe(true);
    expect(isValidSiteId('a'.repeat(SITE_ID_MAX_CHARS))).toBe(true);
    expect(isValidSiteId('a'.repeat(SITE_ID_MAX_CHARS + 1))).toBe(false);
    for (const bad of ['', '-a', 'Site', 'a_b', 'a/b', 'a+b', 'a#', 'a b'])
      expect(isValidSiteId(bad)).toBe(false);
  });

  it('entity ids: letters, digits, . _ -, 1–128 characters, starting with a letter or digit', () => {
    expect(isValidEntityId('fleet-acme')).toBe(true);
    expect(isValidEntityId('Fleet_1.a')).toBe(true);
    expect(isValidEntityId('a'.repeat(ENTITY_ID_MAX_CHARS))).toBe(true);
    expect(isValidEntityId('a'.repeat(ENTITY_ID_MAX_CHARS + 1))).toBe(false);
    for (const bad of ['', '.a', '-a', 'a/b', 'a b', 'a:b'])
      expect(isValidEntityId(bad)).toBe(false);
  });
});
