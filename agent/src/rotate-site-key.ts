import { createPublicKey } from 'node:crypto';
import { EdgefleetError } from '@edgefleet/common';
import { readCredentials } from './credentials.js';
import { CoordinatorUnreachableError } from './enroll.js';
import {
  SITE_KEY_NEXT_FILE,
  newSiteKeyPair,
  promoteNextSiteKey,
  readSiteKey,
  siteKeyExists,
  writeSiteKey,
} from './site-key.js';

/** The coordinator refused the new site key (wrong or revoked credentials, a key that is not Ed25519…). */
export class SiteKeyRotationFailedError extends EdgefleetError {
  constructor(status: number, code: string, message: string) {
    super('SITE_KEY_ROTATION_FAILED', `site key rotation refused (${status} ${code}): ${message}`, {
      status,
      code,
    });
  }
}

/**
 * `edgefleet-agent rotate-site-key`: makes a new burn-signing key, registers its public half with the
 * coordinator (authenticated by the site secret, as tls-renew), then moves it into place as
 * site-key.pem. The new key is written first as site-key.next.pem, so a crash or a failed call
 * leaves the current key in use and the next attempt registers the same new key. A running agent
 * reads the new file at its next flush and signs every unsent outbox record with it; the coordinator
 * still accepts the old key for its grace window (siteKeys.rotationGraceS) for batches in flight.
 */
export async function rotateSiteKey(
  dataDir: string,
  timeoutMs = 10_000,
): Promise<{ siteId: string; previousKeyValidUntilMs: number }> {
  const creds = readCredentials(dataDir);
  if (!siteKeyExists(dataDir, SITE_KEY_NEXT_FILE))
    writeSiteKey(dataDir, newSiteKeyPair().privateKeyPem, SITE_KEY_NEXT_FILE);
  const publicKeyPem = createPublicKey(readSiteKey(dataDir, SITE_KEY_NEXT_FILE))
    .export({ type: 'spki', format: 'pem' })
    .toString();
  const url = `${creds.coordinator.http.replace(/\/$/, '')}/api/v1/sites/${encodeURIComponent(creds.siteId)}/site-key`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ secret: creds.secret, publicKeyPem }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new CoordinatorUnreachableError(url, err);
  }
  const body = (await res.json().catch(() => ({}))) as {
    siteId?: string;
    previousKeyValidUntilMs?: number;
    error?: { code: string; message: string };
  };
  if (!res.ok || typeof body.previousKeyValidUntilMs !== 'number')
    throw new SiteKeyRotationFailedError(
      res.status,
      body.error?.code ?? 'UNKNOWN',
      body.error?.message ?? 'no reason given',
    );
  promoteNextSiteKey(dataDir);
  return { siteId: creds.siteId, previousKeyValidUntilMs: body.previousKeyValidUntilMs };
}
