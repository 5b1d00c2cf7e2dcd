import { createRoute, z } from '@hono/zod-openapi';
import type { Logger } from '@edgefleet/common';
import type { SiteEnrollment } from '../enrollment/index.js';
import type { SiteStore } from '../fleet/site-store.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, type ApiApp } from './openapi-app.js';
import {
  CodesRequest,
  CodesResponse,
  EnrollRequest,
  EnrollResponse,
  ErrorSchema,
  GrpcTlsRenewRequest,
  GrpcTlsSchema,
  SiteIdParam,
  SiteKeyRotateRequest,
  SiteKeyRotateResponse,
} from './schemas.js';

export interface EnrollDeps {
  tokens: readonly TokenEntry[];
  sites: SiteStore;
  log: Logger;
  enrollment: { codeTtlS: number };
  /** The enrollment use case (enrollment/): these routes only translate HTTP to it and back. */
  enroller: SiteEnrollment;
}

/** Enrollment: a site exchanges a one-time code for its credentials; installers issue codes in batches. */
export function registerEnrollRoutes(app: ApiApp, d: EnrollDeps): void {
  // Public: the enrollment code is the credential.
  app.openapi(
    gate(
      d.tokens,
      'public',
      createRoute({
        method: 'post',
        path: '/api/v1/enroll',
        operationId: 'enrollSite',
        tags: ['enrollment'],
        summary: 'Enroll a site with a one-time code (no bearer token: the code is the credential)',
        request: {
          body: { content: { 'application/json': { schema: EnrollRequest } }, required: true },
        },
        responses: {
          201: {
            description: 'enrolled',
            content: { 'application/json': { schema: EnrollResponse } },
          },
          409: {
            description: 'site id taken',
            content: { 'application/json': { schema: ErrorSchema } },
          },
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const r = await d.enroller.enroll(c.req.valid('json'));
      return c.json(
        {
          siteId: r.site.siteId,
          secret: r.secret,
          mqtt: {
            url: r.mqttUrl,
            username: r.site.siteId,
            password: r.secret,
            clientId: r.site.siteId,
          },
          grpc: { controlEndpoint: r.grpcEndpoint, tls: r.tls },
          signingKeys: r.signingKeys,
        },
        201,
      );
    },
  );

  // Public: the site secret is the credential. An enrolled site fetches the CA to pin and (mtls) a
  // fresh client certificate: after the coordinator turned gRPC TLS on, or before its certificate expires.
  app.openapi(
    gate(
      d.tokens,
      'public',
      createRoute({
        method: 'post',
        path: '/api/v1/sites/{id}/grpc-tls',
        operationId: 'renewSiteGrpcTls',
        tags: ['enrollment'],
        summary:
          'An enrolled site renews its gRPC TLS material with its secret: the CA to pin and, in mtls, a new client certificate for tlsPublicKeyPem (edgefleet-agent tls-renew)',
        request: {
          params: SiteIdParam,
          body: {
            content: { 'application/json': { schema: GrpcTlsRenewRequest } },
            required: true,
          },
        },
        responses: {
          200: {
            description: 'the gRPC TLS material (mode off: nothing to pin)',
            content: { 'application/json': { schema: GrpcTlsSchema } },
          },
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const { secret, tlsPublicKeyPem, inferenceHosts } = c.req.valid('json');
      return c.json(
        await d.enroller.renewTls(id, secret, { tlsPublicKeyPem, inferenceHosts }),
        200,
      );
    },
  );

  // Public: the site secret is the credential. An enrolled site registers a new burn-signing key
  // (edgefleet-agent rotate-site-key); the key it replaces verifies for siteKeys.rotationGraceS more.
  app.openapi(
    gate(
      d.tokens,
      'public',
      createRoute({
        method: 'post',
        path: '/api/v1/sites/{id}/site-key',
        operationId: 'rotateSiteKey',
        tags: ['enrollment'],
        summary:
          'An enrolled site registers a new Ed25519 burn-signing key with its secret (edgefleet-agent rotate-site-key); the previous key still verifies burn batches for the grace window',
        request: {
          params: SiteIdParam,
          body: {
            content: { 'application/json': { schema: SiteKeyRotateRequest } },
            required: true,
          },
        },
        responses: {
          200: {
            description: 'the key is registered',
            content: { 'application/json': { schema: SiteKeyRotateResponse } },
          },
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const { secret, publicKeyPem } = c.req.valid('json');
      return c.json(await d.enroller.rotateSiteKey(id, secret, publicKeyPem), 200);
    },
  );

  app.openapi(
    gate(
      d.tokens,
      'installer',
      createRoute({
        method: 'post',
        path: '/api/v1/enrollment-codes',
        operationId: 'issueEnrollmentCodes',
        tags: ['enrollment'],
        summary:
          'Issue single-use, expiring enrollment codes (up to 10,000 per call; ?format=csv for a CSV)',
        request: {
          query: z.object({ format: z.enum(['json', 'csv']).default('json') }),
          body: { content: { 'application/json': { schema: CodesRequest } }, required: true },
        },
        responses: {
          201: {
            description: 'the codes (shown once; only their hashes are stored)',
            content: {
              'application/json': { schema: CodesResponse },
              'text/csv': { schema: z.string() },
            },
          },
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const req = c.req.valid('json');
      const codes = await d.sites.issueCodes(
        req.count,
        (req.ttlS ?? d.enrollment.codeTtlS) * 1000,
        c.get('principal'),
        req.note,
      );
      d.log.info({ count: codes.length, by: c.get('principal') }, 'enrollment codes issued');
      if (c.req.valid('query').format === 'csv') {
        return c.text(
          `code,expires_at\n${codes.map((x) => `${x.code},${new Date(x.expiresAtMs).toISOString()}`).join('\n')}\n`,
          201,
          { 'content-type': 'text/csv; charset=utf-8' },
        );
      }
      return c.json({ codes }, 201);
    },
  );
}
