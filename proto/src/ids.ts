/**
 * The id patterns of the wire, written once. Every schema (agent config, coordinator config and
 * REST schemas, enrollment, MQTT topics, the burn record) imports these instead of its own copy.
 */

/** Longest site id: a DNS label, so it fits a topic level, a certificate SAN and a host name. */
export const SITE_ID_MAX_CHARS = 63;
/** A site id: lowercase letters, digits and '-', starting with a letter or digit, 1–63 characters. */
export const SITE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Longest id of the REST API and the lease broker (customers, API keys, holds, leases). */
export const ENTITY_ID_MAX_CHARS = 128;
/** Customer, API key and other path ids: letters, digits, '.', '_', '-', starting with a letter or digit, 1–128 characters. */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** The rule of ENTITY_ID_PATTERN in words, for error messages. */
export const ENTITY_ID_RULE =
  'must be 1–128 of A–Z a–z 0–9 . _ - (starting with a letter or digit)';

export function isValidSiteId(siteId: string): boolean {
  return SITE_ID_PATTERN.test(siteId);
}

export function isValidEntityId(id: string): boolean {
  return ENTITY_ID_PATTERN.test(id);
}
