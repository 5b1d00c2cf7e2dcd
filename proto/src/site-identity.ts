import { checkServerIdentity, type PeerCertificate } from 'node:tls';

/**
 * Site identities in gRPC TLS certificates (docs/security.md "gRPC TLS and mTLS"). The coordinator's
 * CA signs both its own server certificate and each site's certificate (CN = site id, SAN
 * `URI:urn:edgefleet:site:<siteId>`; clientAuth for EdgeControl in mtls, serverAuth for the site's
 * Inference endpoint). A client pinning that CA therefore checks the role too: a site's Inference
 * certificate must name the lease's site, and the coordinator's must name no site (else any site
 * could pose as the coordinator, or as another site, to whoever pins the CA).
 */
export const SITE_URI_PREFIX = 'urn:edgefleet:site:';

export function siteUri(siteId: string): string {
  return `${SITE_URI_PREFIX}${siteId}`;
}

/** The site ids a certificate's subjectAltName names (URI:urn:edgefleet:site:…). */
export function siteIdsOf(subjectAltName: string | undefined): string[] {
  const out: string[] = [];
  for (const part of (subjectAltName ?? '').split(',')) {
    const p = part.trim();
    if (p.startsWith(`URI:${SITE_URI_PREFIX}`)) out.push(p.slice(4 + SITE_URI_PREFIX.length));
  }
  return out;
}

/** checkServerIdentity for a site's Inference endpoint: the (already CA-verified) certificate must name `siteId`. */
export function expectSiteCertificate(
  siteId: string,
): (host: string, cert: PeerCertificate) => Error | undefined {
  return (_host, cert) => {
    const ids = siteIdsOf(cert.subjectaltname);
    if (ids.includes(siteId)) return undefined;
    return new Error(
      `SITE_CERT_MISMATCH: the certificate at this endpoint names ${ids.length ? `site ${ids.join(', ')}` : 'no site'}, not site ${siteId}`,
    );
  };
}

/** checkServerIdentity for the coordinator: the usual host name check, and the certificate must not be a site's. */
export function expectCoordinatorCertificate(
  host: string,
  cert: PeerCertificate,
): Error | undefined {
  const ids = siteIdsOf(cert.subjectaltname);
  if (ids.length > 0)
    return new Error(
      `SITE_CERT_AS_COORDINATOR: the server at this endpoint presents the certificate of site ${ids.join(', ')}, not the coordinator's`,
    );
  return checkServerIdentity(host, cert);
}
