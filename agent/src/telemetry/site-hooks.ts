import type { Logger } from '@edgefleet/common';
import type { FirmwareHook, HalAccelerator } from '@edgefleet/firmware-hooks';
import type { AgentConfig } from '../config.js';
import { HookPoller, hooksFromConfig } from './hook-poller.js';
import { selectHook, type SelectedHook } from './hook-select.js';

/**
 * The site's firmware hooks, started: `auto` resolved to the vendor tool found here (or `none`),
 * the choice logged, a site with no tool or on the simulated hook warned about, and the first round
 * collected, so the slot table is filled before anything can admit a lease.
 */
export async function startSiteHooks(d: {
  config: AgentConfig['hook'];
  siteId: string;
  /** A hook passed in by the caller (tests, the simulator): used as is, never warned about. */
  hook?: FirmwareHook;
  /** Part of the fleet simulator: the fake hook is expected there. */
  simulator?: boolean;
  onAccelerators: (accs: readonly HalAccelerator[]) => void;
  onHookError?: (hook: string, code: string) => void;
  log: Logger;
  /** Resolves `auto` (default: the host's vendor tools, selectHook). */
  select?: (c: AgentConfig['hook']) => Promise<SelectedHook>;
}): Promise<HookPoller> {
  const hook = d.hook
    ? { config: d.config, source: 'configured' as const }
    : await (d.select ?? selectHook)(d.config);
  logHookChoice(hook, { given: d.hook !== undefined, simulator: d.simulator === true }, d.log);
  const poller = new HookPoller({
    ...hooksFromConfig(hook.config, d.siteId, d.hook),
    timeoutMs: d.config.timeoutMs,
    onAccelerators: d.onAccelerators,
    onHookError: d.onHookError,
  });
  await poller.collect();
  return poller;
}

/** Says which hook `auto` chose, and warns about a site that reports no accelerators or simulated ones. */
export function logHookChoice(
  hook: SelectedHook,
  o: { given: boolean; simulator: boolean },
  log: Logger,
): void {
  if (hook.source !== 'configured')
    log.info(
      { hook: hook.config.name, tool: hook.detected?.path },
      `firmware hook ${hook.config.name} (${hook.source})`,
    );
  if (hook.config.name === 'none')
    log.warn(
      'no accelerator tool found (hook none): this site reports no accelerators and admits no lease; install the vendor driver and tool, or set hook.name',
    );
  if (!o.given && !o.simulator && hook.config.name === 'fake')
    log.warn(
      'hook fake: simulated accelerators (for the simulator and tests; never on a real site)',
    );
}
