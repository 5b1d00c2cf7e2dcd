import { HookConfigError, HookError, HookParseError, HookTimeoutError } from './errors.js';
import { DEFAULT_MAX_BUFFER, DEFAULT_TIMEOUT_MS, runTool } from './run-tool.js';
import type { CollectOptions, FirmwareHook, HalAccelerator, HookReading } from './types.js';

/**
 * What one file under src/hooks/ exports as `hook`. The registry finds every
 * `src/hooks/<name>.hook.ts` by itself, so adding a vendor is adding one such file.
 */
export interface HookDefinition {
  /** Registry key, e.g. 'nvidia-smi'. */
  readonly name: string;
  /** One line for `doctor` and the README. */
  readonly description: string;
  /** Executables that mean this hook can run here, in preference order (empty: never detected). */
  readonly tools: readonly string[];
  /** Directories outside PATH where vendors install the tool. */
  readonly extraDirs?: readonly string[];
  /** Options that make the hook use the tool found by detectHooks(). */
  detectedOptions?(tool: string, path: string): Record<string, unknown>;
  create(options: Record<string, unknown>): FirmwareHook;
}

/** Typed reads of a hook's untyped options; a wrong type is a HookConfigError. */
export class HookOptions {
  constructor(
    readonly hook: string,
    private readonly raw: Record<string, unknown>,
  ) {}

  /** Rejects option names outside `known` (a typo must not silently fall back to a default). */
  only(known: readonly string[]): this {
    const unknown = Object.keys(this.raw).filter((k) => !known.includes(k));
    if (unknown.length > 0)
      throw new HookConfigError(
        this.hook,
        `unknown option(s) ${unknown.join(', ')}; known: ${known.join(', ')}`,
        { unknown },
      );
    return this;
  }

  private bad(key: string, want: string): never {
    throw new HookConfigError(this.hook, `option "${key}" must be ${want}`, {
      option: key,
      value: this.raw[key],
    });
  }

  string(key: string): string | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '') this.bad(key, 'a non-empty string');
    return v;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const v = this.raw[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v))
      this.bad(key, `one of ${allowed.join(', ')}`);
    return v as T;
  }

  number(key: string, min: number, max: number): number | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
      this.bad(key, `a number in [${min}, ${max}]`);
    return v;
  }

  boolean(key: string, fallback: boolean): boolean {
    const v = this.raw[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') this.bad(key, 'true or false');
    return v;
  }

  strings(key: string): string[] | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
      this.bad(key, 'a list of strings');
    return [...(v as string[])];
  }

  list(key: string): unknown[] | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) this.bad(key, 'a list');
    return v;
  }
}

/** Runs the tool within what is left of one collect()'s time budget. */
export type RunArgs = (args: readonly string[]) => Promise<string>;

/** The options every tool hook takes. */
export const TOOL_OPTIONS = ['command', 'timeoutMs', 'maxBuffer'] as const;

export interface ToolHookSpec {
  name: string;
  /** Default executable (a name looked up on PATH, or a path). */
  command: string;
  /** The hook's options: TOOL_OPTIONS plus the names in `extraOptions` (read by the hook itself, at creation). */
  options: Record<string, unknown>;
  extraOptions?: readonly string[];
  /**
   * One collection: run the tool (as often as needed) and parse. Parsers throw HookParseError;
   * anything else they throw is turned into one, so a parser bug never crashes the agent.
   */
  collect(run: RunArgs): Promise<{ accelerators: HalAccelerator[]; sitePowerW?: number }>;
}

/**
 * A FirmwareHook around a vendor tool. Options are checked here, at creation. Common options:
 * `command` (path of the tool), `timeoutMs` (default 5000: the budget of one collect, all tool
 * runs together), `maxBuffer` (default 4 MiB).
 */
export function toolHook(spec: ToolHookSpec): FirmwareHook {
  const o = new HookOptions(spec.name, spec.options).only([
    ...TOOL_OPTIONS,
    ...(spec.extraOptions ?? []),
  ]);
  const command = o.string('command') ?? spec.command;
  const defaultTimeout = o.number('timeoutMs', 1, 600_000) ?? DEFAULT_TIMEOUT_MS;
  const maxBuffer = o.number('maxBuffer', 1024, 1 << 30) ?? DEFAULT_MAX_BUFFER;
  return {
    name: spec.name,
    async collect(copts: CollectOptions = {}): Promise<HookReading> {
      const budget = copts.timeoutMs ?? defaultTimeout;
      const deadline = Date.now() + budget;
      const run: RunArgs = async (args) => {
        const shown = [command, ...args].join(' ');
        const left = deadline - Date.now();
        if (left <= 0) throw new HookTimeoutError(spec.name, shown, budget);
        try {
          return await runTool({
            hook: spec.name,
            command,
            args,
            timeoutMs: left,
            maxBuffer,
            ...(copts.signal ? { signal: copts.signal } : {}),
          });
        } catch (err) {
          // Report the collect's whole budget, not what was left of it for this run.
          throw err instanceof HookTimeoutError
            ? new HookTimeoutError(spec.name, shown, budget, { cause: err })
            : err;
        }
      };
      try {
        const r = await spec.collect(run);
        return {
          hook: spec.name,
          accelerators: r.accelerators,
          ...(r.sitePowerW !== undefined ? { sitePowerW: r.sitePowerW } : {}),
        };
      } catch (err) {
        if (err instanceof HookError) throw err;
        throw new HookParseError(
          spec.name,
          `parser failed: ${(err as Error)?.message ?? String(err)}`,
          '',
          { cause: err },
        );
      }
    },
  };
}
