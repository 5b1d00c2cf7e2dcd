import { required, UsageError } from './args.js';
import type { Ctx } from './context.js';
import { isoTime, keyValues, microTokens, table } from './format.js';
import { api } from './rest.js';

function emit(c: Ctx, json: unknown, text: () => string): void {
  c.io.out(c.flags.json ? JSON.stringify(json, null, 2) : text());
}

function oneSite(c: Ctx, command: string): string {
  const id = required(c.args[0], 'SITE', `(edgefleet ${command} SITE)`);
  if (c.args.length > 1)
    throw new UsageError(`unexpected argument "${c.args.slice(1).join(' ')}" for ${command}`);
  return id;
}

/** `edgefleet sites reputation`: every site's spot-check reputation, lowest first. */
export async function sitesReputation(c: Ctx): Promise<void> {
  const r = (await api(c).call('listSiteReputation', {})) as { items: Record<string, unknown>[] };
  emit(c, r, () =>
    table(
      r.items.map((i) => ({
        ...i,
        reputation: Number(i['reputation']).toFixed(3),
        drained: i['drained'] === true ? 'DRAINED' : '',
        last: i['lastVerdict'] ?? '',
        checked: Number(i['lastCheckMs']) > 0 ? isoTime(i['lastCheckMs']) : 'never',
      })),
      ['siteId', 'reputation', 'drained', 'passes', 'wrong', 'slow', 'errors', 'last', 'checked'],
    ),
  );
}

/** `edgefleet site spot-check SITE` (operator token): one canary now, and the reputation after it. */
export async function siteSpotCheck(c: Ctx): Promise<void> {
  const id = oneSite(c, 'site spot-check');
  const r = (await api(c).call('runSpotCheck', { params: { id } })) as Record<string, unknown>;
  emit(c, r, () =>
    keyValues([
      ['site', id],
      ['model', String(r['model'] ?? '')],
      ['verdict', `${String(r['verdict'])}${r['detail'] ? ` (${String(r['detail'])})` : ''}`],
      ['reputation', Number(r['reputation']).toFixed(3)],
    ]),
  );
}

/**
 * `edgefleet site reinstate SITE [--disputed keep|pay|reject]` (admin token): a site drained by its
 * reputation becomes routable again; what its dispute account holds is paid to it, returned to the
 * mint, or kept for a later decision (default).
 */
export async function siteReinstate(c: Ctx): Promise<void> {
  const id = oneSite(c, 'site reinstate');
  const disputed = c.flags.disputed ?? 'keep';
  if (!['keep', 'pay', 'reject'].includes(disputed))
    throw new UsageError(`--disputed must be one of keep, pay, reject (got "${disputed}")`);
  const r = (await api(c).call('reinstateSite', { params: { id }, body: { disputed } })) as {
    reputation: Record<string, unknown>;
    dispute: { resolved: number; left: number } | null;
  };
  emit(c, r, () =>
    keyValues([
      ['site', id],
      ['reputation', Number(r.reputation['reputation']).toFixed(3)],
      ['routable', 'yes'],
      [
        'dispute',
        r.dispute
          ? `${disputed === 'pay' ? 'paid to the site' : 'returned to the mint'}: ${microTokens(r.dispute.resolved)}; left ${microTokens(r.dispute.left)}`
          : 'kept for a later decision',
      ],
    ]),
  );
}
