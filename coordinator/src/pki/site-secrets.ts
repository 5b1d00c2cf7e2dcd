import { createHash, timingSafeEqual } from 'node:crypto';

/** Verifies a site's secret (issued at enrollment, high-entropy, so one sha256 is enough). */
export interface SiteAuthenticator {
  verify(siteId: string, secret: string | Buffer): boolean;
}

export function hashSecret(secret: string | Buffer): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string | Buffer, storedHashHex: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHashHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
