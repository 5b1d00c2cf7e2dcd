import type { Logger } from '@edgefleet/common';
import type { FleetRegistry } from '../fleet/registry.js';
import type { EnrolledSite, EnrollRequest, SiteStore } from '../fleet/site-store.js';
import { sitePublicKey, type SiteCertificateIssuer } from '../pki/certificates.js';
import { SiteCredentialsRejectedError, SiteLimitReachedError } from './errors.js';
import { sitePublicKeyOf, type SiteKeyBook } from '../fleet/site-keys.js';

/** Where an enrolled site connects, and the CA it pins (tls: unset when gRPC runs plaintext). */
export interface EnrollmentEndpoints {
  mqttUrl: string;
  grpcEndpoint: string;
  signingKeys: { kid: string; public_key_pem: string }[];
  tls?: SiteCertificateIssuer;
}

/** A site's gRPC TLS material: nothing to pin (off), or the CA to pin and, when issued, its certificate. */
export type SiteTlsMaterial =
  { mode: 'off' } | { mode: 'tls' | 'mtls'; caPem: string; clientCertPem?: string };

export interface EnrollmentResult {
  site: EnrolledSite;
  secret: string;
  mqttUrl: string;
  grpcEndpoint: string;
  signingKeys: { kid: string; public_key_pem: string }[];
  tls: SiteTlsMaterial;
}

/** The agent's key for its certificate, and the hosts vehicles dial for its Inference endpoint. */
export interface SiteKeyRequest {
  tlsPublicKeyPem?: string | undefined;
  inferenceHosts?: readonly string[] | undefined;
}

/**
 * Whether a site gets a certificate (its EdgeControl client certificate and Inference server
 * certificate): always in mtls (a missing key is refused), in tls when it sent a key and the
 * coordinator has a CA key to sign with.
 */
function siteCertWanted(tls: SiteCertificateIssuer, tlsPublicKeyPem: string | undefined): boolean {
  return tls.mode === 'mtls' || (tls.issuesSiteCertificates && tlsPublicKeyPem !== undefined);
}

/**
 * Enrollment: a site exchanges a one-time code for its credentials. Everything that can refuse
 * (the site's key, the fleet's size) is checked before the code is spent; then the site is
 * recorded, registered here, sent its config, and issued its certificate.
 */
export class SiteEnrollment {
  constructor(
    private readonly d: {
      sites: Pick<SiteStore, 'enroll' | 'activeCount' | 'verify' | 'loadSite'>;
      /** The sites' burn-signing keys (rotation). */
      siteKeys: Pick<SiteKeyBook, 'rotate'>;
      registry: FleetRegistry;
      /** Publishes the new site's retained config (signing keys, tariff); does not wait. */
      publishConfig: (siteId: string) => void;
      endpoints: () => EnrollmentEndpoints;
      /** limits.maxSites: enrolled (not revoked) sites the fleet may hold. */
      maxSites: number;
      log: Logger;
    },
  ) {}

  async enroll(req: EnrollRequest & SiteKeyRequest): Promise<EnrollmentResult> {
    const { tlsPublicKeyPem, inferenceHosts, ...site } = req;
    const info = this.d.endpoints();
    const tls = info.tls;
    // Whenever a certificate will be issued (mtls; tls with a key sent), refuse a missing or
    // unusable key before the code is spent.
    const certWanted = tls !== undefined && siteCertWanted(tls, tlsPublicKeyPem);
    if (certWanted) await sitePublicKey(tlsPublicKeyPem);
    // The burn-signing key must verify signatures later: an unusable one is refused now (INVALID_SITE_PUBLIC_KEY).
    if (site.publicKeyPem !== undefined) sitePublicKeyOf(site.publicKeyPem);
    if ((await this.d.sites.activeCount()) >= this.d.maxSites)
      throw new SiteLimitReachedError(this.d.maxSites);
    const { site: enrolled, secret } = await this.d.sites.enroll(site);
    this.d.registry.upsertEnrolled(enrolled);
    this.d.publishConfig(enrolled.siteId);
    const clientCertPem = certWanted
      ? await tls.issueSiteCertificate(enrolled.siteId, tlsPublicKeyPem ?? '', inferenceHosts)
      : undefined;
    this.d.log.info({ siteId: enrolled.siteId, name: enrolled.name }, 'site enrolled');
    return {
      site: enrolled,
      secret,
      mqttUrl: info.mqttUrl,
      grpcEndpoint: info.grpcEndpoint,
      signingKeys: info.signingKeys,
      tls: tls
        ? { mode: tls.mode, caPem: tls.caPem, ...(clientCertPem ? { clientCertPem } : {}) }
        : { mode: 'off' },
    };
  }

  /**
   * An enrolled site fetches the CA to pin and (mtls) a fresh certificate with its secret: after the
   * coordinator turned gRPC TLS on, or before its certificate expires.
   */
  async renewTls(siteId: string, secret: string, req: SiteKeyRequest): Promise<SiteTlsMaterial> {
    await this.authenticate(siteId, secret);
    const tls = this.d.endpoints().tls;
    if (!tls) return { mode: 'off' };
    // A missing or unusable key: INVALID_TLS_PUBLIC_KEY.
    const clientCertPem = siteCertWanted(tls, req.tlsPublicKeyPem)
      ? await tls.issueSiteCertificate(siteId, req.tlsPublicKeyPem ?? '', req.inferenceHosts)
      : undefined;
    this.d.log.info({ siteId, mode: tls.mode }, 'site renewed its gRPC TLS material');
    return { mode: tls.mode, caPem: tls.caPem, ...(clientCertPem ? { clientCertPem } : {}) };
  }

  /**
   * An enrolled site registers a new burn-signing key with its secret (edgefleet-agent
   * rotate-site-key): from now on batches must verify against it, or against the key it replaces
   * until the grace window ends (siteKeys.rotationGraceS), so batches signed before the rotation and
   * still in flight are not refused.
   */
  async rotateSiteKey(
    siteId: string,
    secret: string,
    publicKeyPem: string,
  ): Promise<{ siteId: string; previousKeyValidUntilMs: number }> {
    sitePublicKeyOf(publicKeyPem);
    await this.authenticate(siteId, secret);
    const r = await this.d.siteKeys.rotate(siteId, publicKeyPem);
    if (!r) throw new SiteCredentialsRejectedError();
    this.d.log.info(
      { siteId, previousUntilMs: r.previousUntilMs },
      'site rotated its burn-signing key',
    );
    return { siteId, previousKeyValidUntilMs: r.previousUntilMs };
  }

  /** A site id and secret that authenticate; a site enrolled through another replica since this one started is read from the database once. */
  private async authenticate(siteId: string, secret: string): Promise<void> {
    const known =
      this.d.sites.verify(siteId, secret) ||
      (this.d.registry.get(siteId) === undefined &&
        (await this.d.sites.loadSite(siteId)) !== undefined &&
        this.d.sites.verify(siteId, secret));
    if (!known) throw new SiteCredentialsRejectedError();
  }
}
