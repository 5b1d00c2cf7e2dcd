import { randomUUID } from 'node:crypto';
import { num, required, UsageError } from './args.js';
import type { Ctx } from './context.js';
import { customerFor } from './customer.js';
import { isoTime, keyValues, microTokens, table } from './format.js';
import { api } from './rest.js';

const MICRO_PER_TOKEN = 1_000_000;
const DAY_MS = 86_400_000;
/** ISO 4217 currencies without minor units among those the coordinator prices in (it checks the code). */
const ZERO_DECIMALS = new Set(['JPY', 'KRW']);

function emit(c: Ctx, json: unknown, text: () => string): void {
  c.io.out(c.flags.json ? JSON.stringify(json, null, 2) : text());
}

/** "150.00" EUR → 15000 minor units, exactly (no floating point); more decimals than the currency has is an error. */
export function minorUnits(price: string, currency: string): number {
  const exp = ZERO_DECIMALS.has(currency) ? 0 : 2;
  const m = /^(\d{1,13})(?:\.(\d+))?$/.exec(price.trim());
  const frac = m?.[2] ?? '';
  if (!m || frac.length > exp)
    throw new UsageError(
      `--price must be an amount in ${currency} with at most ${exp} decimals (got "${price}")`,
    );
  return Number(m[1]) * 10 ** exp + Number(frac.padEnd(exp, '0') || '0');
}

/** `edgefleet packages list`: the token packages on offer. */
export async function packagesList(c: Ctx): Promise<void> {
  const r = (await api(c).call('listPackages', {})) as { items: Record<string, unknown>[] };
  emit(c, r, () =>
    table(
      r.items.map((p) => ({ ...p, tokens: microTokens(p['microTokens']) })),
      ['id', 'name', 'tokens', 'price', 'validDays'],
    ),
  );
}

/**
 * `edgefleet packages define ID --name N (--tokens T | --micro-tokens N) --price 150.00 --currency EUR
 * --valid-days 90` (operator token). A package never changes: the same id with other terms is refused.
 */
export async function packagesDefine(c: Ctx): Promise<void> {
  const usage =
    '(edgefleet packages define ID --name N --tokens T --price P --currency C --valid-days D)';
  const id = required(c.args[0], 'ID', usage);
  if (c.args.length > 1)
    throw new UsageError(`unexpected argument "${c.args.slice(1).join(' ')}" for packages define`);
  const f = c.flags;
  if ((f.tokens === undefined) === (f['micro-tokens'] === undefined))
    throw new UsageError('give one of --tokens or --micro-tokens');
  const micro =
    f.tokens !== undefined
      ? Math.round((num(f.tokens, 'tokens', { min: 0.000001 }) ?? 0) * MICRO_PER_TOKEN)
      : (num(f['micro-tokens'], 'micro-tokens', { integer: true, min: 1 }) ?? 0);
  const currency = required(f.currency, 'currency', usage).toUpperCase();
  const body = {
    id,
    name: required(f.name, 'name', usage),
    microTokens: micro,
    currency,
    priceMinor: minorUnits(required(f.price, 'price', usage), currency),
    validDays: num(required(f['valid-days'], 'valid-days', usage), 'valid-days', {
      integer: true,
      min: 1,
    }),
  };
  const p = (await api(c).call('definePackage', { body })) as Record<string, unknown>;
  emit(c, p, () =>
    keyValues([
      ['package', String(p['id'] ?? id)],
      ['name', String(p['name'] ?? '')],
      ['tokens', microTokens(p['microTokens'])],
      ['price', String(p['price'] ?? '')],
      ['valid', `${String(p['validDays'] ?? Number(p['validMs']) / DAY_MS)} days after purchase`],
    ]),
  );
}

/**
 * `edgefleet purchases buy --customer C --package P [--purchase-id X]` (operator token): credits the
 * package's µT. The purchase id makes a retry safe (credited once); without one a new id is made and
 * printed — retry with it.
 */
export async function purchasesBuy(c: Ctx): Promise<void> {
  const packageId = required(c.flags.package, 'package', '(edgefleet purchases buy --package P)');
  const purchaseId = c.flags['purchase-id'] ?? randomUUID();
  const id = await customerFor(c);
  const p = (await api(c).call('buyPackage', {
    params: { id },
    body: { packageId, purchaseId },
  })) as Record<string, unknown>;
  emit(c, p, () =>
    keyValues([
      ['customer', id],
      ['purchase', String(p['purchaseId'] ?? purchaseId)],
      ['package', packageId],
      ['credited', microTokens(p['microTokens'])],
      ['price', String(p['price'] ?? '')],
      ['expires', isoTime(p['expiresAtMs'])],
    ]),
  );
}

/** `edgefleet purchases list --customer C`: a customer's purchases, newest first, with what expired. */
export async function purchasesList(c: Ctx): Promise<void> {
  const id = await customerFor(c);
  const r = (await api(c).call('listPurchases', { params: { id } })) as {
    items: Record<string, unknown>[];
  };
  emit(c, r, () =>
    table(
      r.items.map((p) => ({
        ...p,
        tokens: microTokens(p['microTokens']),
        bought: isoTime(p['purchasedAtMs']),
        expires: isoTime(p['expiresAtMs']),
        expired: p['expiredMicroTokens'] === null ? '' : microTokens(p['expiredMicroTokens']),
      })),
      ['purchaseId', 'packageId', 'tokens', 'price', 'bought', 'expires', 'expired'],
    ),
  );
}
