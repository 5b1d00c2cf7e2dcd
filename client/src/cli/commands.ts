import { EdgefleetClient } from '../client.js';
import type { AcquireOptions, Lease, LocationSpec } from '../types.js';
import { caOption, num, oneOf, required, UsageError, type Flags } from './args.js';
import { autoColumns, isoTime, keyValues, microTokens, table } from './format.js';
import { SITE_COLUMNS } from './http.js';
import { apiKeysCreate, apiKeysList, apiKeysRevoke } from './api-keys.js';
import { customerFor, whoami } from './customer.js';
import { api, timeoutMs, token } from './rest.js';
import { enrollCodes } from './enroll-codes.js';
import { hardwareMap, hardwareMappings, hardwareUnknown } from './hardware.js';
import { siteReinstate, siteSpotCheck, sitesReputation } from './reputation.js';
import {
  reservationsBook,
  reservationsCancel,
  reservationsList,
  reservationsShow,
} from './reservations.js';
import { loadgen } from './loadgen.js';
import { packagesDefine, packagesList, purchasesBuy, purchasesList } from './packages.js';
import { pricesSpot } from './prices.js';
import { appendReceipts, receiptsVerify } from './receipts.js';
import type { Ctx } from './context.js';

export type { Ctx, Io } from './context.js';

const DEFAULT_COORDINATOR = 'localhost:50051';

async function sdk(c: Ctx): Promise<EdgefleetClient> {
  return new EdgefleetClient({
    coordinator: c.flags.coordinator ?? c.io.env['EDGEFLEET_COORDINATOR'] ?? DEFAULT_COORDINATOR,
    customerId: await customerFor(c),
    defaultTimeoutMs: timeoutMs(c),
    bearerToken: token(c),
    ...caOption(c.flags, c.io.env),
  });
}

/** --limit and --cursor of a list command (the limit checked here, not left to the server). */
function paging(f: Flags): { limit?: string; cursor?: string } {
  const limit = num(f.limit, 'limit', { integer: true, min: 1 });
  return { limit: limit === undefined ? undefined : String(limit), cursor: f.cursor };
}

function emit(c: Ctx, json: unknown, text: () => string): void {
  c.io.out(c.flags.json ? JSON.stringify(json, null, 2) : text());
}

function location(f: Flags): LocationSpec {
  const moving = f.speed !== undefined || f.heading !== undefined;
  if (moving && (f.pop || f.cell || f.lat === undefined || f.lon === undefined)) {
    throw new UsageError(
      '--speed and --heading describe a moving caller at --lat/--lon (not with --pop or --cell)',
    );
  }
  if (f.pop) return { popId: f.pop };
  if (f.cell) return { cellId: f.cell };
  const lat = num(f.lat, 'lat', { min: -90, max: 90 });
  const lon = num(f.lon, 'lon', { min: -180, max: 180 });
  if (lat === undefined || lon === undefined)
    throw new UsageError(
      'missing location: --pop P, --cell C, or --lat and --lon (negative values as --lon=-3.7)',
    );
  if (!moving) return { lat, lon };
  const speedMps = num(required(f.speed, 'speed', 'm/s, with --heading'), 'speed', {
    min: 0,
    max: 399,
  });
  const headingDeg = num(
    required(f.heading, 'heading', 'degrees, 0 = north, 90 = east; with --speed'),
    'heading',
    { min: 0, max: 360 },
  );
  return { lat, lon, speedMps, headingDeg };
}

export function priority(f: Flags): number | undefined {
  return num(f.priority, 'priority', { integer: true, min: 0, max: 9 });
}

function acquireOptions(f: Flags, defaultHedges: number): AcquireOptions {
  return {
    model: required(f.model, 'model'),
    location: location(f),
    budgetMicroTokens:
      num(required(f.budget, 'budget', 'µT'), 'budget', { integer: true, min: 1 }) ?? 0,
    maxRttMs: num(f['max-rtt-ms'], 'max-rtt-ms', { min: 0 }),
    hedges: num(f.hedges, 'hedges', { integer: true, min: 0, max: 3 }) ?? defaultHedges,
    domesticOnly: f['domestic-only'] ?? false,
    acceleratorKinds: f.accelerator ?? [],
    isolation: oneOf(f.isolation, 'isolation', ['whole', 'mig', 'timeslice'] as const) ?? '',
    ttlS: num(f['ttl-s'], 'ttl-s', { integer: true, min: 0 }),
    priority: priority(f),
    autoRenew: false,
  };
}

/** A lease as JSON (camelCase; µT and ms as numbers). */
export function leaseView(l: Lease) {
  return {
    leaseId: l.lease_id,
    holdId: l.hold_id,
    siteId: l.site_id,
    endpoint: l.endpoint,
    token: l.token,
    expiresAtMs: l.expires_at_ms,
    budgetMicroTokens: l.budget_micro_tokens,
    expectedRttMs: l.expected_rtt_ms,
    powerPricePerKwh: l.power_price_per_kwh,
    acceleratorModel: l.accelerator_model,
    slot: l.slot,
    availableSlots: l.available_slots,
  };
}

function leaseTable(leases: readonly Lease[]): string {
  return table(
    leases.map((l, i) => ({
      role: i === 0 ? 'primary' : `hedge ${i}`,
      ...leaseView(l),
      expires: isoTime(l.expires_at_ms),
    })),
    [
      'role',
      'siteId',
      'endpoint',
      'expectedRttMs',
      'acceleratorModel',
      'slot',
      'powerPricePerKwh',
      'expires',
      'leaseId',
    ],
  );
}

async function withClient<T>(c: Ctx, fn: (client: EdgefleetClient) => Promise<T>): Promise<T> {
  const client = await sdk(c);
  try {
    return await fn(client);
  } finally {
    client.close();
  }
}

async function leaseAcquire(c: Ctx): Promise<void> {
  // One call by a person: ask for the routing explanation it prints (the coordinator builds it only when asked).
  const opts: AcquireOptions = { ...acquireOptions(c.flags, 0), explain: true };
  await withClient(c, async (client) => {
    const s = await client.acquire(opts);
    s.stopAutoRenew();
    const leases = s.leases.map(leaseView);
    emit(
      c,
      {
        holdId: s.holdId,
        primary: leases[0],
        hedges: leases.slice(1),
        explanation: s.explanation ?? null,
      },
      () =>
        `hold ${s.holdId}  (release with: edgefleet lease release --hold ${s.holdId})\n${leaseTable(s.leases)}`,
    );
  });
}

async function leaseRelease(c: Ctx): Promise<void> {
  const hold = required(c.flags.hold, 'hold');
  await withClient(c, async (client) => {
    const r = await client.releaseHold(hold);
    emit(c, { holdId: hold, ...r }, () =>
      keyValues([
        ['hold', hold],
        ['burned', microTokens(r.burnedMicroTokens)],
        ['released', microTokens(r.releasedMicroTokens)],
      ]),
    );
  });
}

async function infer(c: Ctx): Promise<void> {
  const input = c.args.join(' ');
  if (!input)
    throw new UsageError(
      'missing the input text: edgefleet infer --model M --pop P --budget µT "text"',
    );
  const opts = acquireOptions(c.flags, 1);
  const hedgeRaw = c.flags['hedge-after-ms'];
  const hedgeAfterMs = hedgeRaw === 'p95' ? 'p95' : num(hedgeRaw, 'hedge-after-ms', { min: 0 });
  const maxOutputTokens = num(c.flags['max-output-tokens'], 'max-output-tokens', {
    integer: true,
    min: 0,
  });
  await withClient(c, async (client) => {
    const s = await client.acquire(opts);
    let released: Awaited<ReturnType<typeof s.release>> | undefined;
    try {
      const r = await s.infer(input, { maxOutputTokens, hedgeAfterMs });
      appendReceipts(c.flags.receipts, client.receipts);
      released = await s.release();
      const rel = released;
      emit(
        c,
        {
          output: r.output,
          siteId: r.siteId,
          leaseId: r.leaseId,
          holdId: s.holdId,
          attempts: r.attempts,
          hedged: r.hedged,
          latencyMs: r.latencyMs,
          microTokens: r.microTokens,
          burnedMicroTokens: rel.burnedMicroTokens,
          releasedMicroTokens: rel.releasedMicroTokens,
          failures: r.failures,
        },
        () =>
          `${r.output}\n\n${keyValues([
            ['site', `${r.siteId} (${r.endpoint})`],
            ['attempts', `${r.attempts}${r.hedged ? ' (hedged)' : ''}`],
            ['latency', `${r.latencyMs} ms`],
            ['burned', microTokens(rel.burnedMicroTokens)],
            ['released', microTokens(rel.releasedMicroTokens)],
          ])}`,
      );
    } finally {
      if (!released) await s.release().catch(() => undefined);
    }
  });
}

async function sites(c: Ctx): Promise<void> {
  const body = await api(c).call('listSites', { query: paging(c.flags) });
  emit(c, body, () => list(body, [...SITE_COLUMNS]));
}

async function siteRevoke(c: Ctx): Promise<void> {
  const id = required(c.args[0], 'SITE', '(edgefleet site revoke SITE)');
  if (c.args.length > 1)
    throw new UsageError(`unexpected argument "${c.args.slice(1).join(' ')}" for site revoke`);
  const b = (await api(c).call('revokeSite', { params: { id } })) as Record<string, unknown>;
  emit(c, b, () =>
    keyValues([
      ['site', id],
      ['revoked at', isoTime(b['revokedAtMs'])],
      [
        'effect',
        b['already'] === true
          ? 'was already revoked'
          : 'credentials refused on every replica; links closed; leases moved',
      ],
    ]),
  );
}

function list(
  body: unknown,
  preferred: string[],
  map: (r: Record<string, unknown>) => Record<string, unknown> = (r) => r,
): string {
  const b = body as { items?: unknown; nextCursor?: unknown };
  const items = (Array.isArray(b.items) ? b.items : Array.isArray(body) ? body : []) as Record<
    string,
    unknown
  >[];
  const rows = items.map(map);
  const out = table(rows, autoColumns(rows, preferred));
  return typeof b.nextCursor === 'string' && b.nextCursor
    ? `${out}\n(more: --cursor ${b.nextCursor})`
    : out;
}

const RECON_FIELDS = [
  'accepted',
  'duplicate',
  'gap',
  'overBudget',
  'unknownLease',
  'late',
  'tampered',
] as const;

async function reconRuns(c: Ctx): Promise<void> {
  const body = await api(c).call('reconciliationRuns', { query: paging(c.flags) });
  emit(c, body, () =>
    list(body, ['runId', 'started', 'sites', ...RECON_FIELDS], (r) => {
      // A run is { runId, startedAtMs, finishedAtMs, sites: [{ siteId, accepted, … }] }: show totals.
      const perSite = Array.isArray(r['sites'])
        ? (r['sites'] as Record<string, unknown>[])
        : undefined;
      const counts = Object.fromEntries(
        RECON_FIELDS.map((k) => [
          k,
          perSite ? perSite.reduce((a, s) => a + (typeof s[k] === 'number' ? s[k] : 0), 0) : r[k],
        ]),
      );
      return {
        ...r,
        ...counts,
        started: isoTime(r['startedAtMs']),
        sites: perSite ? perSite.length : r['sites'],
      };
    }),
  );
}

async function reconRun(c: Ctx): Promise<void> {
  const run = await api(c).call('reconcile');
  emit(c, run, () => reconReport(run));
}

async function reconShow(c: Ctx): Promise<void> {
  const runId = required(c.args[0], 'RUN', '(edgefleet recon show RUN)');
  if (c.args.length > 1)
    throw new UsageError(`unexpected argument "${c.args.slice(1).join(' ')}" for recon show`);
  const run = await api(c).call('reconciliationRun', { params: { runId } });
  emit(c, run, () => reconReport(run));
}

function reconReport(body: unknown): string {
  const r = body as Record<string, unknown>;
  const sites = Array.isArray(r['sites']) ? (r['sites'] as Record<string, unknown>[]) : [];
  const head = keyValues([
    ['run', String(r['runId'] ?? '')],
    ['started', isoTime(r['startedAtMs'])],
    ['finished', isoTime(r['finishedAtMs'])],
  ]);
  return `${head}\n${table(sites, ['siteId', ...RECON_FIELDS, 'acceptedMicroTokens', 'ackedSeq', 'resendFrom'])}`;
}

async function statement(c: Ctx): Promise<void> {
  const site = c.flags.site;
  const query = paging(c.flags);
  const body =
    site !== undefined
      ? await api(c).call('siteStatement', { params: { id: site }, query })
      : await api(c).call('customerStatement', { params: { id: await customerFor(c) }, query });
  emit(
    c,
    body,
    () =>
      list(
        body,
        [
          'id',
          'time',
          'kind',
          'delta',
          'amount',
          'money',
          'debit',
          'credit',
          'siteId',
          'seq',
          'acceleratorModel',
          'acceleratorSerial',
          'leaseId',
          'holdId',
        ],
        (r) => ({ ...r, time: isoTime(r['createdAtMs']), money: moneyText(r['money']) }),
      ) + totalsLine(body),
  );
}

/** A money figure's text ("1.50 EUR"), or nothing. */
function moneyText(m: unknown): string | undefined {
  const t = (m as { text?: unknown } | undefined)?.text;
  return typeof t === 'string' ? t : undefined;
}

/** A customer statement's burn totals for the page and the price they are at. */
function totalsLine(body: unknown): string {
  const t = (body as { totals?: Record<string, unknown> }).totals;
  if (!t) return '';
  const rate = t['rate'] as
    { perToken?: unknown; source?: unknown; packageId?: unknown } | undefined;
  const at =
    rate?.source === 'package'
      ? `package ${String(rate.packageId)}`
      : 'list price (no package bought)';
  return `\nburned on this page: ${Number(t['burnedMicroTokens']).toLocaleString('en')} µT = ${moneyText(t['burned']) ?? '?'} at ${String(rate?.perToken)} per token (${at})`;
}

async function balance(c: Ctx): Promise<void> {
  const id = await customerFor(c);
  const b = (await api(c).call('balance', { params: { id } })) as Record<string, unknown>;
  emit(c, b, () =>
    keyValues([
      ['customer', String(b['customerId'] ?? id)],
      ['available', microTokens(b['available'])],
      ['held', microTokens(b['held'])],
      ['debt', microTokens(b['debt'])],
    ]),
  );
}

async function topup(c: Ctx): Promise<void> {
  const amount = num(required(c.flags['micro-tokens'], 'micro-tokens'), 'micro-tokens', {
    integer: true,
    min: 1,
  });
  const id = await customerFor(c);
  const b = (await api(c).call('topup', {
    params: { id },
    body: { microTokens: amount },
  })) as Record<string, unknown>;
  emit(c, b, () =>
    keyValues([
      ['customer', id],
      ['topped up', microTokens(amount)],
      ...(b['available'] !== undefined
        ? [['available', microTokens(b['available'])] as [string, string]]
        : []),
    ]),
  );
}

async function whoamiCommand(c: Ctx): Promise<void> {
  const w = await whoami(c);
  emit(c, w, () =>
    w.kind === 'customer'
      ? keyValues([
          ['kind', 'customer API key'],
          ['customer', w.customerId],
        ])
      : keyValues([
          ['kind', 'staff token'],
          ['principal', w.principal],
          ['role', w.role],
        ]),
  );
}

export const COMMANDS: Record<string, (c: Ctx) => Promise<void>> = {
  sites,
  'site revoke': siteRevoke,
  'lease acquire': leaseAcquire,
  'lease release': leaseRelease,
  infer,
  balance,
  topup,
  prices: pricesSpot,
  'packages list': packagesList,
  'packages define': packagesDefine,
  'purchases buy': purchasesBuy,
  'purchases list': purchasesList,
  'recon runs': reconRuns,
  'recon run': reconRun,
  'recon show': reconShow,
  statement,
  'receipts verify': receiptsVerify,
  'enroll-codes': (c) => enrollCodes(c, api(c)),
  'hardware unknown': hardwareUnknown,
  'hardware mappings': hardwareMappings,
  'hardware map': hardwareMap,
  'sites reputation': sitesReputation,
  'site spot-check': siteSpotCheck,
  'site reinstate': siteReinstate,
  'reservations book': reservationsBook,
  'reservations list': reservationsList,
  'reservations show': reservationsShow,
  'reservations cancel': reservationsCancel,
  'api-keys create': apiKeysCreate,
  'api-keys list': apiKeysList,
  'api-keys revoke': apiKeysRevoke,
  whoami: whoamiCommand,
  loadgen,
};
