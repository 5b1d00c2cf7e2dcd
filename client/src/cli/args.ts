import { parseArgs } from 'node:util';
import { EdgefleetError } from '@edgefleet/common';

/** Bad command line: unknown flag, missing value, not a number… */
export class UsageError extends EdgefleetError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

const OPTIONS = {
  // global
  coordinator: { type: 'string' },
  ca: { type: 'string' },
  api: { type: 'string' },
  token: { type: 'string' },
  customer: { type: 'string' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  'timeout-ms': { type: 'string' },
  // lease / infer
  model: { type: 'string', short: 'm' },
  pop: { type: 'string' },
  cell: { type: 'string' },
  lat: { type: 'string' },
  lon: { type: 'string' },
  'max-rtt-ms': { type: 'string' },
  budget: { type: 'string' },
  hedges: { type: 'string' },
  'domestic-only': { type: 'boolean' },
  accelerator: { type: 'string', multiple: true },
  isolation: { type: 'string' },
  'ttl-s': { type: 'string' },
  hold: { type: 'string' },
  'max-output-tokens': { type: 'string' },
  'hedge-after-ms': { type: 'string' },
  priority: { type: 'string' },
  speed: { type: 'string' },
  heading: { type: 'string' },
  // loadgen
  vehicles: { type: 'string' },
  duration: { type: 'string' },
  rate: { type: 'string' },
  'slo-ms': { type: 'string' },
  pops: { type: 'string' },
  box: { type: 'string' },
  'session-s': { type: 'string' },
  'infer-timeout-ms': { type: 'string' },
  seed: { type: 'string' },
  // ledger / lists
  'micro-tokens': { type: 'string' },
  site: { type: 'string' },
  limit: { type: 'string' },
  cursor: { type: 'string' },
  // site reinstate
  disputed: { type: 'string' },
  // enrollment codes
  count: { type: 'string' },
  csv: { type: 'boolean' },
  note: { type: 'string' },
  // reservations, prices
  region: { type: 'string' },
  by: { type: 'string' },
  sites: { type: 'string' },
  slots: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  status: { type: 'string' },
  ref: { type: 'string' },
  // token packages
  name: { type: 'string' },
  tokens: { type: 'string' },
  price: { type: 'string' },
  currency: { type: 'string' },
  'valid-days': { type: 'string' },
  package: { type: 'string' },
  'purchase-id': { type: 'string' },
  // receipts
  receipts: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
} as const;

export type Flags = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

export function parseCommandLine(argv: string[]): { flags: Flags; positionals: string[] } {
  try {
    const { values, positionals } = parse(argv);
    return { flags: values, positionals };
  } catch (err) {
    throw new UsageError(parseErrorText(err));
  }
}

/** node:util parseArgs errors, shortened to what the user typed wrong. */
function parseErrorText(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const text = typeof e.message === 'string' ? e.message : String(err);
  // "Option '-m, --model <value>' argument missing": the long name, when there is one.
  const flag = /'(?:-\w, )?(-{1,2}[^' ]+)/.exec(text)?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) return `unknown flag ${flag}`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
    if (/argument missing/.test(text)) return `${flag} needs a value`;
    if (/does not take an argument/.test(text)) return `${flag} takes no value`;
  }
  return text;
}

export function required<T>(value: T | undefined, flag: string, hint = ''): T {
  if (value === undefined || value === '')
    throw new UsageError(`missing --${flag}${hint ? ` (${hint})` : ''}`);
  return value;
}

/** Parses a number flag; `integer` demands a safe integer; the range is inclusive. */
export function num(
  value: string | undefined,
  flag: string,
  o: { integer?: boolean; min?: number; max?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const ok =
    value.trim() !== '' &&
    Number.isFinite(n) &&
    (!o.integer || Number.isSafeInteger(n)) &&
    (o.min === undefined || n >= o.min) &&
    (o.max === undefined || n <= o.max);
  if (!ok) {
    const range =
      o.min !== undefined || o.max !== undefined ? ` in [${o.min ?? '-∞'}, ${o.max ?? '∞'}]` : '';
    throw new UsageError(
      `--${flag} must be ${o.integer ? 'an integer' : 'a number'}${range} (got "${value}")`,
    );
  }
  return n;
}

/** A flag that takes one of a few words. */
export function oneOf<T extends string>(
  value: string | undefined,
  flag: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/** --ca PATH (env EDGEFLEET_CA): TLS to the LeaseBroker and the sites' Inference, pinned to that CA. */
export function caOption(f: Flags, env: NodeJS.ProcessEnv): { ca?: string } {
  const ca = f.ca ?? env['EDGEFLEET_CA'];
  return ca ? { ca } : {};
}
