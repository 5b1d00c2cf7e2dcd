import { describeError } from '@edgefleet/common';
import { createHook, type FirmwareHook, type HalAccelerator } from '@edgefleet/firmware-hooks';
import type { edgefleet } from '@edgefleet/proto';
import type { AgentConfig } from '../config.js';

/** The site's firmware hook (the fake one is seeded with the site id, so each simulated site differs but repeats) and the optional site power hook. */
export function hooksFromConfig(
  c: AgentConfig['hook'],
  siteId: string,
  hook?: FirmwareHook,
): { hook: FirmwareHook; powerHook?: FirmwareHook } {
  return {
    hook:
      hook ?? createHook(c.name, c.name === 'fake' ? { seed: siteId, ...c.options } : c.options),
    ...(c.power ? { powerHook: createHook(c.power, {}) } : {}),
  };
}

/**
 * Polls the accelerator hook and, when there is one, the site power hook (ipmitool). A failed hook
 * keeps the last good reading and is listed in `errors` until a round succeeds again (telemetry
 * reports them, so the NOC sees a broken tool rather than a quiet site).
 */
export class HookPoller {
  private accs: HalAccelerator[] = [];
  private powerW = 0;
  private errs: edgefleet.v1.HookError.$Properties[] = [];

  constructor(
    private readonly o: {
      hook: FirmwareHook;
      powerHook?: FirmwareHook | undefined;
      timeoutMs: number;
      /** The accelerators after every round (admission rebuilds its slot table from them). */
      onAccelerators: (accs: readonly HalAccelerator[]) => void;
      /** Each failure, by hook and error code (the hook-errors counter). */
      onHookError?: (hook: string, code: string) => void;
    },
  ) {}

  get accelerators(): readonly HalAccelerator[] {
    return this.accs;
  }

  /** From the power hook when there is one, else the sum of the accelerators' draw. */
  get sitePowerW(): number {
    return this.powerW;
  }

  /** Failures of the last round. */
  get errors(): readonly edgefleet.v1.HookError.$Properties[] {
    return this.errs;
  }

  async collect(): Promise<void> {
    const { hook, powerHook, timeoutMs } = this.o;
    const errs: edgefleet.v1.HookError.$Properties[] = [];
    try {
      const r = await hook.collect({ timeoutMs });
      this.accs = r.accelerators;
      if (r.sitePowerW !== undefined) this.powerW = r.sitePowerW;
    } catch (err) {
      errs.push(this.failed(hook.name, err));
    }
    if (powerHook) {
      try {
        const r = await powerHook.collect({ timeoutMs });
        if (r.sitePowerW !== undefined) this.powerW = r.sitePowerW;
      } catch (err) {
        errs.push(this.failed(powerHook.name, err));
      }
    } else {
      this.powerW = this.accs.reduce((a, x) => a + Math.max(0, x.power_w), 0);
    }
    this.errs = errs;
    this.o.onAccelerators(this.accs);
  }

  private failed(hook: string, err: unknown): edgefleet.v1.HookError.$Properties {
    const code = (err as { code?: string }).code ?? 'HOOK_FAILED';
    this.o.onHookError?.(hook, code);
    return { hook, code, message: describeError(err).slice(0, 500) };
  }
}
