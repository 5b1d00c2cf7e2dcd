import { z } from '@hono/zod-openapi';
import { isIP } from 'node:net';
import { ENTITY_ID_PATTERN, ENTITY_ID_RULE, SITE_ID_PATTERN } from '@edgefleet/proto';
import { CURRENCY_EXPONENT, type Currency } from '../market/money.js';

export const ErrorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .openapi('Error');

export const TariffSchema = z
  .array(
    z.object({
      startHour: z.number().int().min(0).max(23),
      endHour: z.number().int().min(1).max(24),
      pricePerKwh: z.number().nonnegative(),
    }),
  )
  .max(48)
  .openapi('Tariff');

/** The one pattern of the ids the API takes in its paths: sites, customers, reconciliation runs, API keys. */
const ResourceId = z.string().regex(ENTITY_ID_PATTERN, ENTITY_ID_RULE);
const pathId = (name: string, example: string) =>
  ResourceId.openapi({ param: { name, in: 'path' }, example });

export const SiteIdParam = z.object({ id: pathId('id', 'eu-central-0001') });
export const ReservationIdParam = z.object({ id: pathId('id', 'rsv-0123456789abcdef') });
/** A customer id in a body or query: the pattern of every id the API takes. */
export const CustomerIdField = ResourceId;
export const CustomerIdParam = z.object({ id: pathId('id', 'fleet-acme') });
export const RunIdParam = z.object({ runId: pathId('runId', 'run-1700000000000-0001') });
export const ApiKeyParams = z.object({
  id: pathId('id', 'fleet-acme'),
  keyId: pathId('keyId', 'k-0123456789ab'),
});

export const SiteComputeSchema = z
  .object({
    backend: z.string().openapi({
      description:
        'onnx | simulated | http-openai | http-kserve-v2 (empty before the first report)',
    }),
    executionProvider: z
      .string()
      .openapi({ description: 'cpu | cuda (ONNX Runtime); empty when unknown' }),
    simulated: z.boolean().openapi({
      description: 'the simulated backend: its times are a configured sleep, not compute',
    }),
    intervalMs: z.number(),
    updatedMs: z.number(),
    models: z.array(
      z.object({
        model: z.string(),
        requests: z.number().openapi({ description: 'requests in the latest telemetry interval' }),
        totalRequests: z.number(),
        p50Ms: z
          .number()
          .openapi({ description: 'backend run time per request (session.run), no queueing' }),
        p95Ms: z.number(),
        maxMs: z.number(),
        measuredAtMs: z
          .number()
          .openapi({ description: 'when the interval these figures cover was reported' }),
      }),
    ),
  })
  .openapi('SiteCompute');

export const SiteSchema = z
  .object({
    siteId: z.string(),
    name: z.string(),
    region: z.string(),
    lat: z.number(),
    lon: z.number(),
    state: z.enum(['online', 'degraded', 'draining', 'offline', 'unknown']),
    stateSinceMs: z.number(),
    reason: z.string().openapi({
      description:
        'why the site is in its state, e.g. link_lost (one link down, inside the autonomy window) vs site_failed (both down)',
    }),
    endpoint: z.string(),
    models: z.array(z.string()),
    slotsTotal: z.number(),
    slotsFree: z.number(),
    utilization: z.number(),
    sitePowerW: z.number(),
    domestic: z.boolean(),
    vendors: z.array(z.string()),
    accelerators: z.array(z.record(z.string(), z.unknown())),
    rttMs: z.record(z.string(), z.number()),
    lastTelemetryMs: z.number(),
    outboxDepth: z.number(),
    activeLeases: z.number(),
    errorRate: z.number(),
    reputation: z.number().openapi({
      description:
        'spot-check reputation in [0, 1] (docs/verification.md "Spot-checks"); routing scores it',
    }),
    drainedByReputation: z.boolean().openapi({
      description:
        'drained by its reputation: not routable, earnings held on dispute, until reinstated',
    }),
    hookErrors: z.array(z.object({ hook: z.string(), code: z.string(), message: z.string() })),
    compute: SiteComputeSchema,
    signals: z.object({ mqtt: z.boolean(), stream: z.boolean(), status: z.string() }),
    tariff: TariffSchema,
    pricePerKwhNow: z.number(),
    badMessages: z.object({
      total: z.number(),
      byReason: z.record(z.string(), z.number()),
      last: z
        .object({ kind: z.string(), reason: z.string(), message: z.string(), atMs: z.number() })
        .optional(),
    }),
  })
  .openapi('Site');

export const TelemetryPointSchema = z
  .object({
    t: z.number(),
    utilization: z.number(),
    powerW: z.number(),
    rttMs: z.number().nullable(),
    slotsFree: z.number(),
    activeLeases: z.number(),
    outboxDepth: z.number(),
  })
  .openapi('TelemetryPoint');

/** gRPC transport security a site gets: mode, the CA to pin (tls, mtls), its client certificate (mtls). */
export const GrpcTlsSchema = z
  .object({
    mode: z.enum(['off', 'tls', 'mtls']),
    caPem: z.string().optional(),
    clientCertPem: z.string().optional(),
  })
  .openapi('GrpcTls');

const DNS_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/**
 * Host names or IP addresses vehicles dial for the site's Inference endpoint (the host of
 * inference.advertise): each goes into the site certificate as a DNS or IP subjectAltName.
 */
const InferenceHosts = z
  .array(z.string().refine((h) => isIP(h) !== 0 || DNS_NAME.test(h), 'a DNS name or an IP address'))
  .max(8)
  .default([]);

export const EnrollRequest = z
  .object({
    code: z.string().min(4).max(64),
    name: z.string().min(1).max(80),
    siteId: z.string().regex(SITE_ID_PATTERN).optional(),
    region: z.string().max(64).default(''),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    tariff: TariffSchema.default([]),
    publicKeyPem: z.string().max(4096).optional(),
    /** The agent's ECDSA P-256 public key (SPKI PEM) for its gRPC client certificate; required when the coordinator runs mtls. */
    tlsPublicKeyPem: z.string().max(4096).optional(),
    inferenceHosts: InferenceHosts,
  })
  .openapi('EnrollRequest');

export const EnrollResponse = z
  .object({
    siteId: z.string(),
    secret: z.string(),
    mqtt: z.object({
      url: z.string(),
      username: z.string(),
      password: z.string(),
      clientId: z.string(),
    }),
    grpc: z.object({
      controlEndpoint: z.string(),
      /** gRPC transport security: mode 'off' (plaintext), 'tls' (pin caPem), 'mtls' (pin caPem, present clientCertPem on EdgeControl). */
      tls: GrpcTlsSchema,
    }),
    signingKeys: z.array(z.object({ kid: z.string(), public_key_pem: z.string() })),
  })
  .openapi('EnrollResponse');

export const GrpcTlsRenewRequest = z
  .object({
    /** The site secret from enrollment: the credential of this route. */
    secret: z.string().min(16).max(256),
    tlsPublicKeyPem: z.string().max(4096).optional(),
    inferenceHosts: InferenceHosts,
  })
  .openapi('GrpcTlsRenewRequest');

export const SiteKeyRotateRequest = z
  .object({
    /** The site secret from enrollment: the credential of this route. */
    secret: z.string().min(16).max(256),
    /** The site's new Ed25519 burn-signing public key (SPKI PEM). */
    publicKeyPem: z.string().max(4096),
  })
  .openapi('SiteKeyRotateRequest');

export const SiteKeyRotateResponse = z
  .object({
    siteId: z.string(),
    previousKeyValidUntilMs: z.number().int().openapi({
      description: 'until when batches signed with the key this one replaced still verify',
    }),
  })
  .openapi('SiteKeyRotateResponse');

export const CodesRequest = z
  .object({
    count: z.number().int().min(1).max(10_000).default(1),
    ttlS: z
      .number()
      .int()
      .positive()
      .max(30 * 86400)
      .optional(),
    note: z.string().max(200).default(''),
  })
  .openapi('EnrollmentCodesRequest');

export const CodesResponse = z
  .object({ codes: z.array(z.object({ code: z.string(), expiresAtMs: z.number() })) })
  .openapi('EnrollmentCodes');

export const BalanceSchema = z
  .object({ customerId: z.string(), available: z.number(), held: z.number(), debt: z.number() })
  .openapi('Balance');
export const TopupRequest = z
  .object({
    microTokens: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    ref: z.string().max(128).optional(),
  })
  .openapi('TopupRequest');

export const HoldSchema = z
  .object({
    holdId: z.string(),
    customerId: z.string(),
    model: z.string(),
    budget: z.number(),
    expiresAtMs: z.number(),
    leases: z.array(
      z.object({
        lease_id: z.string(),
        site_id: z.string(),
        endpoint: z.string(),
        expires_at_ms: z.number(),
      }),
    ),
  })
  .openapi('LeaseHold');

export const SiteReconSchema = z.object({
  siteId: z.string(),
  accepted: z.number(),
  acceptedMicroTokens: z.number(),
  duplicate: z.number(),
  gap: z.number(),
  overBudget: z.number(),
  unknownLease: z.number(),
  late: z.number(),
  tampered: z.number(),
  ackedSeq: z.number(),
  resendFrom: z.number(),
  holdClosed: z.number(),
  disputed: z.number(),
  disputedMicroTokens: z.number(),
  wrongInstance: z.number(),
  wrongInstanceMicroTokens: z.number(),
  outsideLease: z.number(),
  outsideLeaseMicroTokens: z.number(),
  overRate: z.number(),
  overRateMicroTokens: z.number(),
  overHold: z.number(),
  overHoldMicroTokens: z.number(),
});
export const RunSchema = z
  .object({
    runId: z.string(),
    startedAtMs: z.number(),
    finishedAtMs: z.number(),
    sites: z.array(SiteReconSchema),
    failedSites: z
      .array(z.object({ siteId: z.string(), code: z.string(), message: z.string() }))
      .optional(),
  })
  .openapi('ReconciliationRun');

export const AlertSchema = z
  .object({
    id: z.string(),
    kind: z.enum([
      'site_offline',
      'telemetry_stale',
      'outbox_near_full',
      'bad_messages',
      'hook_errors',
      'recon_gap',
      'recon_over_budget',
      'recon_tampered',
      'recon_refused',
      'recon_late',
      'recon_unknown_lease',
      'recon_disputed',
      'burn_batch_refused',
      'site_drained_reputation',
    ]),
    severity: z.enum(['critical', 'warning']),
    siteId: z.string(),
    message: z.string(),
    firstSeenMs: z.number(),
    lastSeenMs: z.number(),
    resolvedAtMs: z.number().nullable(),
    ackedAtMs: z.number().nullable(),
    ackedBy: z.string().nullable(),
  })
  .openapi('Alert');

/** One ledger transfer as a statement shows it: newest first, each burn with its provenance. */
export const MoneySchema = z
  .object({
    minor: z.number().int().openapi({ description: 'integer minor units (cents for EUR)' }),
    currency: z.string(),
    text: z.string().openapi({ example: '12.34 EUR' }),
  })
  .openapi('Money');

export const StatementEntrySchema = z
  .object({
    id: z.number().int(),
    kind: z
      .string()
      .openapi({ description: 'top_up, hold, burn, burn_debt, release or debt_settle' }),
    debit: z.string(),
    credit: z.string(),
    amount: z.number().int(),
    delta: z.number().int().openapi({
      description:
        "what the transfer did to the statement's subject (a customer's funds, or a site's earnings)",
    }),
    createdAtMs: z.number(),
    ref: z.string().nullable(),
    holdId: z.string().nullable(),
    leaseId: z.string().nullable(),
    siteId: z.string().nullable(),
    seq: z.number().nullable(),
    acceleratorModel: z.string().nullable(),
    acceleratorSerial: z.string().nullable(),
    runId: z.string().nullable(),
    hash: z.string().nullable(),
    purchase: z
      .object({
        purchaseId: z.string(),
        packageId: z.string(),
        priceMinor: z.number().int(),
        currency: z.string(),
        price: z.string().openapi({ example: '150.00 EUR' }),
        expiresAtMs: z.number(),
      })
      .optional()
      .openapi({ description: 'package_purchase lines: the package bought and what it cost' }),
    money: MoneySchema.optional().openapi({
      description:
        "burn and burn_debt lines of a customer's statement: the µT at the customer's price, half up to the minor unit",
    }),
  })
  .openapi('StatementEntry');

export const StatementTotalsSchema = z
  .object({
    burnedMicroTokens: z.number().int().openapi({ description: "µT of this page's burn lines" }),
    burned: MoneySchema.openapi({
      description: 'their money, priced once from the total (half up), not summed from the lines',
    }),
    rate: z
      .object({
        currency: z.string(),
        minor: z.number().int(),
        microTokens: z.number().int(),
        source: z.enum(['package', 'list']).openapi({
          description:
            "package: the terms of the customer's newest package purchase; list: the configured token price (market.baseMinorPerToken)",
        }),
        packageId: z.string().nullable(),
        perToken: z.string().openapi({ example: '1.50 EUR' }),
      })
      .openapi({ description: '`minor` minor units of `currency` buy `microTokens` µT' }),
  })
  .openapi('StatementTotals');

const CURRENCIES = Object.keys(CURRENCY_EXPONENT) as [Currency, ...Currency[]];

export const TokenPackageSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    microTokens: z.number().int(),
    currency: z.string(),
    priceMinor: z.number().int().openapi({ description: 'integer minor units (cents for EUR)' }),
    price: z.string().openapi({ example: '150.00 EUR' }),
    validDays: z.number(),
    validMs: z.number().int(),
    createdAtMs: z.number(),
  })
  .openapi('TokenPackage');
export const DefinePackageRequest = z
  .object({
    id: ResourceId.openapi({ example: 'h100-100' }),
    name: z.string().min(1).max(200).openapi({ example: '100 H100-hours' }),
    microTokens: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    currency: z.enum(CURRENCIES),
    priceMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    validDays: z.number().int().positive().max(36_500),
  })
  .openapi('DefinePackageRequest');
export const PurchaseSchema = z
  .object({
    purchaseId: z.string(),
    customerId: z.string(),
    packageId: z.string(),
    microTokens: z.number().int(),
    currency: z.string(),
    priceMinor: z.number().int(),
    price: z.string(),
    purchasedAtMs: z.number(),
    expiresAtMs: z.number(),
    transferId: z.number().int(),
    expiredAtMs: z.number().nullable(),
    expiredMicroTokens: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'unspent µT removed at expiry (null until it expired)' }),
  })
  .openapi('Purchase');
export const BuyPackageRequest = z
  .object({
    packageId: ResourceId,
    purchaseId: ResourceId.optional().openapi({
      description: 'idempotency key: a retry with the same id credits once (default: a new id)',
    }),
  })
  .openapi('BuyPackageRequest');

export const ApiKeySchema = z
  .object({
    keyId: z.string(),
    customerId: z.string(),
    note: z.string(),
    createdAtMs: z.number(),
    revokedAtMs: z.number().nullable(),
  })
  .openapi('CustomerApiKey');
export const IssuedApiKeySchema = z
  .object({
    keyId: z.string(),
    customerId: z.string(),
    token: z.string().openapi({ description: 'shown once; only its hash is stored' }),
  })
  .openapi('IssuedCustomerApiKey');
