import type { PeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import {
  certificateSiteId,
  checkSiteCertificate,
  ClientCertificateRequiredError,
  ClientCertificateWrongSiteError,
  type AuthContext,
} from './site-identity.js';

// What grpc-js hands a handler: {} without a verified certificate, the peer certificate with one.
const withCert = (subjectaltname: string): AuthContext => ({
  transportSecurityType: 'ssl',
  sslPeerCertificate: { subject: { CN: 'ignored' }, subjectaltname } as unknown as PeerCertificate,
});
const san = (siteId: string) => `DNS:edge.example.net, URI:urn:edgefleet:site:${siteId}`;

describe('site identity from the client certificate', () => {
  it('reads the site from the subjectAltName URI, not the CN', () => {
    expect(certificateSiteId(withCert(san('site-7')))).toBe('site-7');
    expect(certificateSiteId({})).toBeUndefined();
    expect(certificateSiteId(null)).toBeUndefined();
    // No site URI, two of them, or an empty one name no site.
    expect(certificateSiteId(withCert('DNS:edge.example.net'))).toBeUndefined();
    expect(
      certificateSiteId(withCert(`${san('site-7')}, URI:urn:edgefleet:site:site-8`)),
    ).toBeUndefined();
    expect(certificateSiteId(withCert('URI:urn:edgefleet:site:'))).toBeUndefined();
  });

  it('accepts the certificate of the site the stream claims; refuses none (CLIENT_CERT_REQUIRED) and another site (CLIENT_CERT_WRONG_SITE)', () => {
    expect(() => checkSiteCertificate(withCert(san('site-7')), 'site-7')).not.toThrow();
    expect(() => checkSiteCertificate({}, 'site-7')).toThrow(ClientCertificateRequiredError);
    const wrong = (() => {
      try {
        checkSiteCertificate(withCert(san('site-8')), 'site-7');
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(wrong).toBeInstanceOf(ClientCertificateWrongSiteError);
    expect((wrong as Error).message).toBe(
      'the client certificate names site site-8 but the stream claims site site-7',
    );
  });

  it('bounds what it echoes of a hostile site id', () => {
    const e = (() => {
      try {
        checkSiteCertificate({}, 'x'.repeat(100_000));
      } catch (err) {
        return err as ClientCertificateRequiredError;
      }
      throw new Error('no error');
    })();
    expect(e.message.length).toBeLessThan(400);
  });
});
