import { describeError } from '@edgefleet/common';
import { createHook, type DetectedHook } from '@edgefleet/firmware-hooks';
import type { AgentConfig } from './config.js';
import { selectHook } from './telemetry/hook-select.js';

/** One doctor line (doctor.ts prints them). */
export interface HardwareCheck {
  name: string;
  level: 'pass' | 'warn' | 'fail';
  ok: boolean;
  detail: string;
  fix?: string;
}

const line = (
  name: string,
  level: HardwareCheck['level'],
  detail: string,
  fix?: string,
): HardwareCheck => ({ name, level, ok: level !== 'fail', detail, ...(fix ? { fix } : {}) });

const VENDOR_TOOLS = 'nvidia-smi, npu-smi, cnmon, amd-smi, rocm-smi, hy-smi';

/**
 * What doctor says about the hardware side of a site: the firmware hook the agent will really use
 * (`auto` resolved as `run` resolves it) and its power hook, each run once; the vendor tools found
 * on this host, listed but not run when the agent does not use them (ipmitool without a BMC must
 * not fail a site that never reads it); and whether the site would sell simulated inference: doctor
 * runs on a real site, so the `fake` hook or the `simulated` backend is a failure there.
 * `cfg` undefined (no credentials, bad settings): the defaults.
 */
export async function hardwareChecks(
  cfg: Pick<AgentConfig, 'hook' | 'backend'> | undefined,
  found: readonly DetectedHook[],
  configFile?: string,
): Promise<HardwareCheck[]> {
  const hookCfg = cfg?.hook ?? { name: 'auto', options: {}, timeoutMs: 5000 };
  const selected = await selectHook(hookCfg, () => Promise.resolve([...found]));
  const used = [selected.config.name, ...(hookCfg.power ? [hookCfg.power] : [])];
  const out: HardwareCheck[] = [];
  const settings = configFile ?? 'the settings file';

  if (cfg) {
    const simulated = [
      ...(selected.config.name === 'fake' ? ['hook fake (simulated accelerators)'] : []),
      ...(cfg.backend.kind === 'simulated' ? ['backend simulated (answers are not computed)'] : []),
    ];
    out.push(
      simulated.length > 0
        ? line(
            'real hardware and inference',
            'fail',
            `configured with ${simulated.join(' and ')}: this site would sell simulated inference`,
            `remove ${[
              ...(selected.config.name === 'fake' ? ['hook.name'] : []),
              ...(cfg.backend.kind === 'simulated' ? ['backend'] : []),
            ].join(
              ' and ',
            )} from ${settings} (defaults: the vendor tool found here, ONNX Runtime), or set backend.kind to onnx or http; fake and simulated are for "edgefleet-agent sim" and tests only`,
          )
        : line(
            'real hardware and inference',
            'pass',
            `hook ${selected.config.name}${selected.source === 'configured' ? '' : ` (${selected.source})`}, backend ${cfg.backend.kind}`,
          ),
    );
  }

  for (const name of used) {
    const checkName = `firmware hook ${name}`;
    if (name === 'none') {
      out.push(
        selected.source === 'configured'
          ? line(
              checkName,
              'pass',
              'no accelerators (hook none, as configured): this site admits no lease',
            )
          : line(
              checkName,
              'warn',
              `no vendor tool found (${VENDOR_TOOLS}): this site reports no accelerators and admits no lease`,
              'install the accelerator driver and its tool (on PATH, or where the vendor installs it), or set hook.name',
            ),
      );
      continue;
    }
    const options = name === selected.config.name ? selected.config.options : {};
    try {
      const r = await createHook(name, options).collect({ timeoutMs: hookCfg.timeoutMs });
      const models = [...new Set(r.accelerators.map((a) => a.model))].join(', ');
      const ok = r.accelerators.length > 0 || r.sitePowerW !== undefined;
      out.push(
        line(
          checkName,
          ok ? 'pass' : 'fail',
          `${r.accelerators.length} accelerator(s)${models ? `: ${models}` : ''}${r.sitePowerW !== undefined ? `, site power ${Math.round(r.sitePowerW)} W` : ''}`,
          ok ? undefined : `the ${name} tool runs but reports nothing: check the vendor driver`,
        ),
      );
    } catch (err) {
      out.push(
        line(
          checkName,
          'fail',
          describeError(err),
          "check the vendor driver and that its tool runs as the agent's user (or set hook.name)",
        ),
      );
    }
  }

  if (found.length > 0) {
    const unused = found.filter((f) => !used.includes(f.hook));
    out.push(
      line(
        'vendor tools on this host',
        'pass',
        found.map((f) => `${f.tool} (${used.includes(f.hook) ? 'used' : 'not used'})`).join(', '),
        unused.length > 0
          ? `not used, not checked: ${unused.map((f) => f.hook).join(', ')} (set hook.name, or hook.power for ipmitool, to use one)`
          : undefined,
      ),
    );
  }
  return out;
}
