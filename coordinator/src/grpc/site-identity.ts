import type { ServerDuplexStream } from '@grpc/grpc-js';
import { EdgefleetError } from '@edgefleet/common';
import { siteIdsOf } from '@edgefleet/proto';

/** What grpc-js tells a handler about the peer's TLS (its AuthContext type is not exported). */
export type AuthContext = ReturnType<ServerDuplexStream<unknown, unknown>['getAuthContext']>;

/**
 * mtls: the EdgeControl stream carries no client certificate that verified against the client CA
 * (none presented, one from another CA, or an expired one: grpc-js shows the peer certificate only
 * when the TLS layer accepted it).
 */
export class ClientCertificateRequiredError extends EdgefleetError {
  constructor(claimedSiteId: string) {
    super(
      'CLIENT_CERT_REQUIRED',
      `EdgeControl needs the client certificate this coordinator's CA issued to site ${claimedSiteId.slice(0, 64)} at enrollment; none was accepted (not presented, signed by another CA, or expired): renew it on the site (edgefleet-agent tls-renew) or re-enroll the site`,
      { claimedSiteId: claimedSiteId.slice(0, 64) },
    );
  }
}

/** mtls: the client certificate is valid but names another site than the hello claims. */
export class ClientCertificateWrongSiteError extends EdgefleetError {
  constructor(certSiteId: string, claimedSiteId: string) {
    super(
      'CLIENT_CERT_WRONG_SITE',
      `the client certificate names site ${certSiteId.slice(0, 64)} but the stream claims site ${claimedSiteId.slice(0, 64)}`,
      { certSiteId: certSiteId.slice(0, 64), claimedSiteId: claimedSiteId.slice(0, 64) },
    );
  }
}

/**
 * The site id a verified client certificate names (its `URI:urn:edgefleet:site:…` subjectAltName,
 * read by the same siteIdsOf the SDK and the agent use), or undefined without exactly one.
 */
export function certificateSiteId(ctx: AuthContext | null | undefined): string | undefined {
  const ids = siteIdsOf(ctx?.sslPeerCertificate?.subjectaltname);
  return ids.length === 1 && ids[0] !== '' ? ids[0] : undefined;
}

/** Throws unless the stream's verified client certificate names `claimedSiteId`. */
export function checkSiteCertificate(
  ctx: AuthContext | null | undefined,
  claimedSiteId: string,
): void {
  const certSite = certificateSiteId(ctx);
  if (certSite === undefined) throw new ClientCertificateRequiredError(claimedSiteId);
  if (certSite !== claimedSiteId)
    throw new ClientCertificateWrongSiteError(certSite, claimedSiteId);
}
