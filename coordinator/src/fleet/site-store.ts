import { randomBytes, randomInt } from 'node:crypto';
import { EdgefleetError } from '@edgefleet/common';
import { isValidSiteId } from '@edgefleet/proto';
import { hashSecret, secretMatches, type SiteAuthenticator } from '../pki/site-secrets.js';
import type { TariffWindow } from './site.js';
import type { Db } from '../db/index.js';

export class EnrollmentCodeInvalidError extends EdgefleetError {
  constructor() {
    super(
      'ENROLLMENT_CODE_INVALID',
      'enrollment code is unknown, already used, or expired; ask the NOC for a new one',
    );
  }
}

export class SiteIdTakenError extends EdgefleetError {
  constructor(siteId: string) {
    super('SITE_ID_TAKEN', `site id ${siteId} is already enrolled`, { siteId });
  }
}

/** One change to a site that every replica applies (see migrations/103_site_changes.sql). */
export interface SiteChange {
  seq: number;
  siteId: string;
  tariff: TariffWindow[];
  /** Set when the change is a revocation. */
  revokedAtMs?: number;
}

export interface EnrolledSite {
  siteId: string;
  name: string;
  region: string;
  lat: number;
  lon: number;
  tariff: TariffWindow[];
  enrolledAtMs: number;
}

export interface EnrollRequest {
  code: string;
  name: string;
  siteId?: string;
  region: string;
  lat: number;
  lon: number;
  tariff: TariffWindow[];
  publicKeyPem?: string;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I

export function newEnrollmentCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    groups.push(s);
  }
  return `EF-${groups.join('-')}`;
}

function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s || 'site';
}

interface SiteRow extends Record<string, unknown> {
  id: string;
  name: string;
  region: string;
  lat: number;
  lon: number;
  secret_hash: string;
  tariff: TariffWindow[] | string;
  enrolled_at_ms: string | number;
}

/**
 * Enrolled sites and single-use enrollment codes, in the coordinator's database. Secrets and
 * codes are stored as hashes only. Keeps an in-memory copy of secret hashes for the MQTT and
 * EdgeControl authenticators (10,000 sites reconnecting must not hit the database).
 */
export class SiteStore implements SiteAuthenticator {
  private readonly secretHashes = new Map<string, string>();

  constructor(private readonly db: Db) {}

  async load(): Promise<EnrolledSite[]> {
    const rows = await this.db.query<SiteRow>(
      'SELECT id, name, region, lat, lon, secret_hash, tariff, enrolled_at_ms FROM sites WHERE revoked_at_ms IS NULL',
    );
    this.secretHashes.clear();
    for (const r of rows) this.secretHashes.set(r.id, r.secret_hash);
    return rows.map(toSite);
  }

  /**
   * One site from the database, if enrolled and not revoked (a site enrolled through another
   * coordinator replica after this one started); its secret hash is kept for verify().
   */
  async loadSite(siteId: string): Promise<EnrolledSite | undefined> {
    // Ids come from the network: only the shape a site id can have reaches the database (a NUL byte would fail the query).
    if (!isValidSiteId(siteId)) return undefined;
    const [r] = await this.db.query<SiteRow>(
      'SELECT id, name, region, lat, lon, secret_hash, tariff, enrolled_at_ms FROM sites WHERE id = $1 AND revoked_at_ms IS NULL',
      [siteId],
    );
    if (!r) return undefined;
    this.secretHashes.set(r.id, r.secret_hash);
    return toSite(r);
  }

  verify(siteId: string, secret: string | Buffer): boolean {
    const h = this.secretHashes.get(siteId);
    return h !== undefined && secretMatches(secret, h);
  }

  async issueCodes(
    count: number,
    ttlMs: number,
    createdBy: string,
    note = '',
  ): Promise<{ code: string; expiresAtMs: number }[]> {
    const now = Date.now();
    const out: { code: string; expiresAtMs: number }[] = [];
    for (let i = 0; i < count; i++) {
      const code = newEnrollmentCode();
      out.push({ code, expiresAtMs: now + ttlMs });
    }
    const values = out
      .map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`)
      .join(', ');
    const params = out.flatMap((c) => [hashSecret(c.code), now, c.expiresAtMs, createdBy, note]);
    if (out.length > 0)
      await this.db.query(
        `INSERT INTO enrollment_codes (code_hash, created_at_ms, expires_at_ms, created_by, note) VALUES ${values}`,
        params,
      );
    return out;
  }

  /** Consumes the code (single use, atomically) and records the new site with a fresh secret. */
  async enroll(req: EnrollRequest): Promise<{ site: EnrolledSite; secret: string }> {
    const now = Date.now();
    let siteId = req.siteId ?? `${slug(req.name)}-${randomBytes(3).toString('hex')}`;
    if (!isValidSiteId(siteId)) siteId = `site-${randomBytes(4).toString('hex')}`;
    const secret = randomBytes(32).toString('base64url');
    const secretHash = hashSecret(secret);
    // One transaction: a code is consumed only if the site is recorded.
    await this.db.tx(async (q) => {
      const used = await q.query<{ code_hash: string }>(
        'UPDATE enrollment_codes SET used_at_ms = $1, site_id = $2 WHERE code_hash = $3 AND used_at_ms IS NULL AND expires_at_ms > $1 RETURNING code_hash',
        [now, siteId, hashSecret(normalizeCode(req.code))],
      );
      if (used.length === 0) throw new EnrollmentCodeInvalidError();
      const taken = await q.query('SELECT 1 FROM sites WHERE id = $1', [siteId]);
      if (taken.length > 0) throw new SiteIdTakenError(siteId);
      await q.query(
        'INSERT INTO sites (id, name, region, lat, lon, secret_hash, public_key_pem, tariff, enrolled_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [
          siteId,
          req.name,
          req.region,
          req.lat,
          req.lon,
          secretHash,
          req.publicKeyPem ?? null,
          JSON.stringify(req.tariff),
          now,
        ],
      );
    });
    this.secretHashes.set(siteId, secretHash);
    return {
      site: {
        siteId,
        name: req.name,
        region: req.region,
        lat: req.lat,
        lon: req.lon,
        tariff: req.tariff,
        enrolledAtMs: now,
      },
      secret,
    };
  }

  /** How many sites are enrolled and not revoked (on every replica: the database's count). */
  async activeCount(): Promise<number> {
    const [r] = await this.db.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM sites WHERE revoked_at_ms IS NULL',
    );
    return Number(r?.n ?? 0);
  }

  async setTariff(siteId: string, tariff: TariffWindow[]): Promise<boolean> {
    const r = await this.db.query<{ id: string }>(
      "UPDATE sites SET tariff = $2, change_seq = nextval('site_change_seq') WHERE id = $1 AND revoked_at_ms IS NULL RETURNING id",
      [siteId, JSON.stringify(tariff)],
    );
    return r.length > 0;
  }

  /**
   * Revokes a site for good: its secret stops authenticating here at once, and on every other
   * replica at its next poll of changesSince(). Returns when it was revoked (now, or earlier if it
   * already was), or undefined for a site never enrolled.
   */
  async revoke(
    siteId: string,
    nowMs = Date.now(),
  ): Promise<{ revokedAtMs: number; already: boolean } | undefined> {
    if (!isValidSiteId(siteId)) return undefined;
    const r = await this.db.query<{ revoked_at_ms: string | number | null; changed: boolean }>(
      `WITH upd AS (
         UPDATE sites SET revoked_at_ms = $2, change_seq = nextval('site_change_seq')
         WHERE id = $1 AND revoked_at_ms IS NULL RETURNING revoked_at_ms
       )
       SELECT revoked_at_ms, true AS changed FROM upd
       UNION ALL
       SELECT revoked_at_ms, false AS changed FROM sites WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM upd)`,
      [siteId, nowMs],
    );
    this.forget(siteId);
    const [row] = r;
    if (!row || row.revoked_at_ms === null) return undefined;
    return { revokedAtMs: Number(row.revoked_at_ms), already: !row.changed };
  }

  /** Drops a site's secret from the in-memory copy (it was revoked, here or on another replica). */
  forget(siteId: string): void {
    this.secretHashes.delete(siteId);
  }

  /** The newest change number: a replica starts polling above it after loading every site. */
  async lastChangeSeq(): Promise<number> {
    const [r] = await this.db.query<{ m: string | number | null }>(
      'SELECT max(change_seq) AS m FROM sites',
    );
    return Number(r?.m ?? 0);
  }

  /** Changes with a number above `seq`, oldest first (at most `limit`). */
  async changesSince(seq: number, limit = 1000): Promise<SiteChange[]> {
    const rows = await this.db.query<{
      id: string;
      tariff: TariffWindow[] | string;
      revoked_at_ms: string | number | null;
      change_seq: string | number;
    }>(
      'SELECT id, tariff, revoked_at_ms, change_seq FROM sites WHERE change_seq > $1 ORDER BY change_seq LIMIT $2',
      [seq, limit],
    );
    return rows.map((r) => ({
      seq: Number(r.change_seq),
      siteId: r.id,
      tariff: typeof r.tariff === 'string' ? (JSON.parse(r.tariff) as TariffWindow[]) : r.tariff,
      ...(r.revoked_at_ms !== null ? { revokedAtMs: Number(r.revoked_at_ms) } : {}),
    }));
  }
}

function toSite(r: SiteRow): EnrolledSite {
  return {
    siteId: r.id,
    name: r.name,
    region: r.region,
    lat: Number(r.lat),
    lon: Number(r.lon),
    tariff: typeof r.tariff === 'string' ? (JSON.parse(r.tariff) as TariffWindow[]) : r.tariff,
    enrolledAtMs: Number(r.enrolled_at_ms),
  };
}
