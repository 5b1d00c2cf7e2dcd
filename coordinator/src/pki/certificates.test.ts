import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCa, issueSiteCertificate, loadSigner, sitePublicKey } from './certificates.js';
import {
  TlsPemInvalidError,
  TlsPublicKeyInvalidError,
  TlsPublicKeyRequiredError,
} from './errors.js';

const p256 = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();

describe('pki: the CA and site certificates', () => {
  it('creates a CA that issues a site certificate naming the site, for its key, good for EdgeControl and Inference', async () => {
    const ca = await createCa('test CA');
    const signer = await loadSigner(ca.certPem, ca.keyPem, 'test', 'ca.key');
    const pem = await issueSiteCertificate(signer, {
      siteId: 'site-7',
      publicKeyPem: p256(),
      inferenceHosts: ['edge-7.example.net', '10.0.0.7', 'edge-7.example.net'],
      days: 30,
    });
    const cert = new X509Certificate(pem);
    const caCert = new X509Certificate(ca.certPem);
    expect(caCert.ca).toBe(true);
    expect(cert.checkIssued(caCert) && cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.subject).toContain('CN=site-7');
    expect(cert.subjectAltName).toBe(
      'URI:urn:edgefleet:site:site-7, DNS:edge-7.example.net, IP Address:10.0.0.7',
    );
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.1']);
  });

  it('refuses a CA key that is not a P-256 PKCS#8 PEM, and site keys that are missing or not P-256', async () => {
    const ca = await createCa('test CA');
    await expect(
      loadSigner(ca.certPem, 'not a key', 'grpc.tls.clientCaKeyFile', '/x.key'),
    ).rejects.toBeInstanceOf(TlsPemInvalidError);
    await expect(sitePublicKey(undefined)).rejects.toBeInstanceOf(TlsPublicKeyRequiredError);
    await expect(
      sitePublicKey('-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n'),
    ).rejects.toBeInstanceOf(TlsPublicKeyInvalidError);
    const ed = generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    await expect(sitePublicKey(ed)).rejects.toBeInstanceOf(TlsPublicKeyInvalidError);
    expect((await sitePublicKey(p256())).algorithm).toMatchObject({
      name: 'ECDSA',
      namedCurve: 'P-256',
    });
  });
});
