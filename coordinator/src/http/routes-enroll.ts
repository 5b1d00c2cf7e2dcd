import { createRoute, z } from '@hono/zod-openapi';
import { EdgefleetError, type Logger } from '@edgefleet/common';
import type { FleetRegistry } from '../fleet/registry.js';
import { sitePublicKey, type GrpcTls } from '../grpc/tls.js';
import type { SiteStore } from '../fleet/site-store.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, type ApiApp } from './openapi-app.js';
import { CodesRequest, CodesResponse, EnrollRequest, EnrollResponse, ErrorSchema, GrpcTlsRenewRequest, GrpcTlsSchema, SiteIdParam } from './schemas.js';

export interface EnrollDeps {
  tokens: readonly TokenEntry[];
  registry: FleetRegistry;
  sites: SiteStore;
  log: Logger;
  enrollment: { codeTtlS: number };
  /** grpcTls: set when gRPC runs TLS or mTLS (grpc.tls.mode). */
  enrollInfo: () => { mqttUrl: string; grpcEndpoint: string; signingKeys: { kid: string; public_key_pem: string }[]; grpcTls?: Pick<GrpcTls, 'mode' | 'caPem' | 'issuesSiteCertificates' | 'issueSiteCertificate'> };
  onEnrolled: (siteId: string) => void;
}

/** A site id and secret that do not authenticate (unknown, revoked, or a wrong secret: one answer for all). */
export class SiteCredentialsRejectedError extends EdgefleetError {
  constructor() {
    super('UNAUTHENTICATED', 'site id and secret do not match an enrolled site', {});
  }
}

/**
 * Whether a site gets a certificate (its EdgeControl client certificate and Inference server
 * certificate): always in mtls (a missing key is a 400), in tls when it sent a key and the
 * coordinator has a CA key to sign with.
 */
function siteCertWanted(tls: Pick<GrpcTls, 'mode' | 'issuesSiteCertificates'>, tlsPublicKeyPem: string | undefined): boolean {
  return tls.mode === 'mtls' || (tls.issuesSiteCertificates && tlsPublicKeyPem !== undefined);
}

/** Enrollment: a site exchanges a one-time code for its credentials; installers issue codes in batches. */
export function registerEnrollRoutes(app: ApiApp, d: EnrollDeps): void {
  // Public: the enrollment code is the credential.
  app.openapi(gate(d.tokens, 'public', createRoute({
    method: 'post', path: '/api/v1/enroll', operationId: 'enrollSite', tags: ['enrollment'], summary: 'Enroll a site with a one-time code (no bearer token: the code is the credential)',
    request: { body: { content: { 'application/json': { schema: EnrollRequest } }, required: true } },
    responses: {
      201: { description: 'enrolled', content: { 'application/json': { schema: EnrollResponse } } },
      409: { description: 'site id taken', content: { 'application/json': { schema: ErrorSchema } } },
      ...ERRORS,
    },
  })), async (c) => {
    const { tlsPublicKeyPem, inferenceHosts, ...req } = c.req.valid('json');
    const info = d.enrollInfo();
    const tls = info.grpcTls;
    // Whenever a certificate will be issued (mtls; tls with a key sent), refuse a missing or
    // unusable key before the code is spent.
    const certWanted = tls !== undefined && siteCertWanted(tls, tlsPublicKeyPem);
    if (certWanted) await sitePublicKey(tlsPublicKeyPem);
    const { site, secret } = await d.sites.enroll({ ...req });
    d.registry.upsertEnrolled(site);
    d.onEnrolled(site.siteId);
    const clientCertPem = certWanted ? await tls.issueSiteCertificate(site.siteId, tlsPublicKeyPem ?? '', inferenceHosts) : undefined;
    d.log.info({ siteId: site.siteId, name: site.name }, 'site enrolled');
    return c.json({
      siteId: site.siteId,
      secret,
      mqtt: { url: info.mqttUrl, username: site.siteId, password: secret, clientId: site.siteId },
      grpc: { controlEndpoint: info.grpcEndpoint, tls: tls ? { mode: tls.mode, caPem: tls.caPem, ...(clientCertPem ? { clientCertPem } : {}) } : { mode: 'off' as const } },
      signingKeys: info.signingKeys,
    }, 201);
  });

  // Public: the site secret is the credential. An enrolled site fetches the CA to pin and (mtls) a
  // fresh client certificate: after the coordinator turned gRPC TLS on, or before its certificate expires.
  app.openapi(gate(d.tokens, 'public', createRoute({
    method: 'post', path: '/api/v1/sites/{id}/grpc-tls', operationId: 'renewSiteGrpcTls', tags: ['enrollment'],
    summary: "An enrolled site renews its gRPC TLS material with its secret: the CA to pin and, in mtls, a new client certificate for tlsPublicKeyPem (edgefleet-agent tls-renew)",
    request: { params: SiteIdParam, body: { content: { 'application/json': { schema: GrpcTlsRenewRequest } }, required: true } },
    responses: {
      200: { description: 'the gRPC TLS material (mode off: nothing to pin)', content: { 'application/json': { schema: GrpcTlsSchema } } },
      ...ERRORS,
    },
  })), async (c) => {
    const { id } = c.req.valid('param');
    const { secret, tlsPublicKeyPem, inferenceHosts } = c.req.valid('json');
    // A site enrolled through another replica since this one started is read from the database once.
    const known = d.sites.verify(id, secret) || (d.registry.get(id) === undefined && (await d.sites.loadSite(id)) !== undefined && d.sites.verify(id, secret));
    if (!known) throw new SiteCredentialsRejectedError();
    const tls = d.enrollInfo().grpcTls;
    if (!tls) return c.json({ mode: 'off' as const }, 200);
    // A missing or unusable key: 400 INVALID_TLS_PUBLIC_KEY.
    const clientCertPem = siteCertWanted(tls, tlsPublicKeyPem) ? await tls.issueSiteCertificate(id, tlsPublicKeyPem ?? '', inferenceHosts) : undefined;
    d.log.info({ siteId: id, mode: tls.mode }, 'site renewed its gRPC TLS material');
    return c.json({ mode: tls.mode, caPem: tls.caPem, ...(clientCertPem ? { clientCertPem } : {}) }, 200);
  });

  app.openapi(gate(d.tokens, 'installer', createRoute({
    method: 'post', path: '/api/v1/enrollment-codes', operationId: 'issueEnrollmentCodes', tags: ['enrollment'], summary: 'Issue single-use, expiring enrollment codes (up to 10,000 per call; ?format=csv for a CSV)',
    request: { query: z.object({ format: z.enum(['json', 'csv']).default('json') }), body: { content: { 'application/json': { schema: CodesRequest } }, required: true } },
    responses: {
      201: { description: 'the codes (shown once; only their hashes are stored)', content: { 'application/json': { schema: CodesResponse }, 'text/csv': { schema: z.string() } } },
      ...ERRORS,
    },
  })), async (c) => {
    const req = c.req.valid('json');
    const codes = await d.sites.issueCodes(req.count, (req.ttlS ?? d.enrollment.codeTtlS) * 1000, c.get('principal'), req.note);
    d.log.info({ count: codes.length, by: c.get('principal') }, 'enrollment codes issued');
    if (c.req.valid('query').format === 'csv') {
      return c.text(`code,expires_at\n${codes.map((x) => `${x.code},${new Date(x.expiresAtMs).toISOString()}`).join('\n')}\n`, 201, { 'content-type': 'text/csv; charset=utf-8' });
    }
    return c.json({ codes }, 201);
  });
}
