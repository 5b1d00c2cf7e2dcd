import { required, UsageError } from './args.js';
import type { Ctx } from './context.js';
import { isoTime, keyValues, table } from './format.js';
import { api } from './rest.js';

function emit(c: Ctx, json: unknown, text: () => string): void {
  c.io.out(c.flags.json ? JSON.stringify(json, null, 2) : text());
}

/**
 * `edgefleet hardware unknown` (admin token): hardware the fleet reports that no profile of the
 * coordinator resolves, with the sites it keeps from routing, most widespread first.
 */
export async function hardwareUnknown(c: Ctx): Promise<void> {
  const r = (await api(c).call('listUnknownHardware', {})) as {
    items: Record<string, unknown>[];
  };
  emit(c, r, () =>
    table(
      r.items.map((i) => ({ ...i, sites: (i['sites'] as string[] | undefined)?.length ?? 0 })),
      ['vendor', 'modelString', 'pciDeviceId', 'migProfile', 'reason', 'devices', 'sites'],
    ),
  );
}

/** `edgefleet hardware mappings` (admin token): the operators' mappings of model strings to profiles. */
export async function hardwareMappings(c: Ctx): Promise<void> {
  const r = (await api(c).call('listHardwareMappings', {})) as {
    items: Record<string, unknown>[];
  };
  emit(c, r, () =>
    table(
      r.items.map((i) => ({ ...i, time: isoTime(i['createdAtMs']) })),
      ['modelString', 'profileId', 'createdBy', 'time'],
    ),
  );
}

/**
 * `edgefleet hardware map "MODEL STRING" PROFILE` (admin token): maps a model string the profile
 * table does not know to a profile; the sites reporting it become routable on every replica.
 */
export async function hardwareMap(c: Ctx): Promise<void> {
  const usage = '(edgefleet hardware map "MODEL STRING" PROFILE)';
  const modelString = required(c.args[0], 'MODEL STRING', usage);
  const profile = required(c.args[1], 'PROFILE', usage);
  if (c.args.length > 2)
    throw new UsageError(
      `unexpected argument "${c.args.slice(2).join(' ')}" for hardware map; quote a model string with spaces`,
    );
  const m = (await api(c).call('mapHardware', { body: { modelString, profile } })) as Record<
    string,
    unknown
  >;
  emit(c, m, () =>
    keyValues([
      ['model string', String(m['modelString'] ?? modelString)],
      ['profile', String(m['profileId'] ?? profile)],
      ['effect', 'sites reporting it are priced by this profile and routable on every replica'],
    ]),
  );
}
