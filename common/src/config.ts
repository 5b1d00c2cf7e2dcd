import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { EdgefleetError } from './errors.js';

export interface ConfigIssue {
  path: string;
  message: string;
}

/** The configuration did not validate; `issues` names every offending path. */
export class ConfigError extends EdgefleetError {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[], source: string) {
    super(
      'CONFIG_INVALID',
      `invalid configuration (${source}):\n${issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n')}`,
      { issues, source },
    );
    this.issues = issues;
  }
}

export interface LoadConfigOptions {
  /** Environment to read overrides from (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  /** Prefix of override variables, e.g. EDGEFLEET_AGENT_ → EDGEFLEET_AGENT_MQTT__URL sets mqtt.url. */
  envPrefix: string;
  /** Optional JSON file with settings (lowest precedence after defaults). */
  file?: string | undefined;
  /** Values injected by code or tests (highest precedence). */
  overrides?: Record<string, unknown>;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepMerge(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const cur = out[k];
    out[k] = isObj(cur) && isObj(v) ? deepMerge(cur, v) : v;
  }
  return out;
}

function camel(segment: string): string {
  return segment.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function parseEnvValue(raw: string): unknown {
  const t = raw.trim();
  if (t === '') return raw;
  if (/^(true|false|null|-?\d+(\.\d+)?)$/.test(t) || t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}

/** EDGEFLEET_X_MQTT__URL=... → { mqtt: { url: ... } }; `__` separates levels, `_` becomes camelCase. */
export function envOverrides(env: NodeJS.ProcessEnv, prefix: string): Obj {
  const out: Obj = {};
  for (const [key, raw] of Object.entries(env)) {
    if (!key.startsWith(prefix) || raw === undefined) continue;
    const path = key.slice(prefix.length).split('__').filter(Boolean).map(camel);
    if (path.length === 0) continue;
    let node = out;
    for (const seg of path.slice(0, -1)) {
      const next = node[seg];
      node = isObj(next) ? next : (node[seg] = {});
    }
    node[path[path.length - 1] as string] = parseEnvValue(raw);
  }
  return out;
}

/**
 * One validated configuration: schema defaults < JSON file < environment < injected overrides.
 * Every error is reported with its path.
 */
export function loadConfig<S extends z.ZodType>(schema: S, opts: LoadConfigOptions): z.infer<S> {
  const env = opts.env ?? process.env;
  let merged: Obj = {};
  if (opts.file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(opts.file, 'utf8')) as unknown;
    } catch (err) {
      throw new ConfigError(
        [{ path: '', message: `cannot read ${opts.file}: ${(err as Error).message}` }],
        opts.file,
      );
    }
    if (!isObj(parsed))
      throw new ConfigError(
        [{ path: '', message: 'settings file must hold a JSON object' }],
        opts.file,
      );
    merged = parsed;
  }
  merged = deepMerge(merged, envOverrides(env, opts.envPrefix));
  merged = deepMerge(merged, opts.overrides ?? {});
  const result = schema.safeParse(merged);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    }));
    throw new ConfigError(issues, opts.file ?? `env ${opts.envPrefix}*`);
  }
  return result.data as z.infer<S>;
}
