import type { KeyObject } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { receiptFromJson, verifyReceipt, type ReceiptJson } from '@edgefleet/proto';
import type { SiteKeyBook } from '../fleet/site-keys.js';
import type { ReceiptClaim, UnconfirmedReceipt } from '../ledger/receipts-check.js';
import type { Ledger } from '../ledger/types.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';
import { CustomerIdParam } from './schemas.js';

/** Receipts one call checks (the CLI splits a longer file into periods). */
export const MAX_RECEIPTS_PER_CHECK = 2_000;

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = z.string().max(512);

const ReceiptSchema = z
  .object({
    version: count,
    siteId: text,
    leaseId: text,
    seq: count,
    microTokens: count,
    hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters'),
    migInstanceUuid: text,
    startedAtMs: count,
    endedAtMs: count,
    requestId: text,
    signature: z.string().max(128).openapi({ description: 'Ed25519 signature, base64' }),
    sitePublicKey: z
      .string()
      .max(1024)
      .optional()
      .openapi({ description: 'ignored: the coordinator checks with the keys it holds' }),
  })
  .openapi('Receipt', {
    description:
      "A site's signed receipt of one answered request, as the SDK exports it (one JSON line each)",
  });

const CheckRequest = z
  .object({
    receipts: z.array(ReceiptSchema).max(MAX_RECEIPTS_PER_CHECK),
    fromMs: count.optional().openapi({
      description: 'start of the period (burn end time, ms); default: the earliest receipt',
    }),
    toMs: count.optional().openapi({
      description: 'end of the period (inclusive); default: the latest receipt',
    }),
  })
  .openapi('ReceiptsCheckRequest');

const Unconfirmed = z.object({
  siteId: z.string(),
  seq: z.number().int(),
  problem: z.enum(['not_in_ledger', 'other_customer', 'differs', 'bad_signature']),
  fields: z.array(z.enum(['leaseId', 'microTokens', 'hash'])).optional(),
});

const WithoutReceipt = z.object({
  siteId: z.string(),
  seq: z.number().int(),
  leaseId: z.string(),
  microTokens: z.number().int(),
  chargedMicroTokens: z.number().int(),
  status: z.string(),
  hash: z.string(),
  endedAtMs: z.number().int(),
});

const CheckResponse = z
  .object({
    ok: z.boolean().openapi({
      description: 'every receipt confirmed and every burn of the period has a receipt',
    }),
    customerId: z.string(),
    fromMs: z.number().int(),
    toMs: z.number().int(),
    receipts: z.number().int(),
    confirmed: z.number().int(),
    pending: z.number().int().openapi({ description: 'confirmed but not reconciled yet' }),
    confirmedMicroTokens: z.number().int(),
    chargedMicroTokens: z.number().int(),
    signaturesChecked: z.boolean(),
    unconfirmed: z.array(Unconfirmed),
    withoutReceipt: z.array(WithoutReceipt),
    truncated: z.boolean(),
  })
  .openapi('ReceiptsCheck');

/**
 * POST /api/v1/customers/{id}/receipts/check (viewer, as the customer's statement): a customer's
 * receipts against the ledger (docs/verification.md "Receipts"). Each receipt's signature is checked
 * with the keys the coordinator holds for its site (never a key the body names); the rest go to the
 * ledger (ledger/receipts-check.ts).
 */
export function registerReceiptRoutes(
  app: ApiApp,
  d: {
    tokens: readonly TokenEntry[];
    ledger: Pick<Ledger, 'checkReceipts'>;
    siteKeys?: Pick<SiteKeyBook, 'receiptKeys'>;
  },
): void {
  app.openapi(
    gate(
      d.tokens,
      'viewer',
      createRoute({
        method: 'post',
        path: '/api/v1/customers/{id}/receipts/check',
        operationId: 'checkCustomerReceipts',
        tags: ['ledger'],
        summary:
          "Check a customer's receipts against its ledger burns: each receipt is in the ledger (same site, seq, lease, µT, hash, signed by the site), and each burn of the period has a receipt",
        request: {
          params: CustomerIdParam,
          body: { content: { 'application/json': { schema: CheckRequest } }, required: true },
        },
        responses: { 200: json(CheckResponse, 'what matches and what is missing'), ...ERRORS },
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const receipts = body.receipts as ReceiptJson[];
      const badSignature: UnconfirmedReceipt[] = [];
      const claims: ReceiptClaim[] = [];
      const keysBySite = new Map<string, KeyObject[]>();
      for (const r of receipts) {
        if (d.siteKeys) {
          let keys = keysBySite.get(r.siteId);
          if (!keys) {
            keys = await d.siteKeys.receiptKeys(r.siteId);
            keysBySite.set(r.siteId, keys);
          }
          if (!verifyReceipt(keys, receiptFromJson(r)).ok) {
            badSignature.push({ siteId: r.siteId, seq: r.seq, problem: 'bad_signature' });
            continue;
          }
        }
        claims.push(r);
      }
      const ends = receipts.map((r) => r.endedAtMs);
      const fromMs = body.fromMs ?? (ends.length > 0 ? Math.min(...ends) : 0);
      const toMs = body.toMs ?? (ends.length > 0 ? Math.max(...ends) : Date.now());
      const r = await d.ledger.checkReceipts(id, claims, { fromMs, toMs });
      const unconfirmed = [...badSignature, ...r.unconfirmed];
      return c.json(
        {
          ok: unconfirmed.length === 0 && r.withoutReceipt.length === 0 && !r.truncated,
          ...r,
          receipts: receipts.length,
          signaturesChecked: d.siteKeys !== undefined,
          unconfirmed,
        },
        200,
      );
    },
  );
}
