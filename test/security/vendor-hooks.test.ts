import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '@edgefleet/agent';
import { startHarness, startSiteAgent, waitFor, type Harness } from './support.js';

/**
 * Vendor tool output is outside input too. The parsers themselves are fuzzed in
 * @edgefleet/firmware-hooks (fuzzParser in firmware-hooks/src/test-support/fuzz.ts, used by
 * parsers/nvidia-smi-list.test.ts, parsers/npu-smi.test.ts, parsers/ipmi-power.test.ts). This is the
 * cross-check through a real agent and coordinator: a hook that fails like a broken tool
 * (missing, hung, non-zero exit, printing garbage) is reported as `hook_errors` in telemetry;
 * the telemetry round and the agent survive.
 */
const FAILS = [
  ['missing', 'HOOK_TOOL_MISSING'],
  ['timeout', 'HOOK_TIMEOUT'],
  ['exit', 'HOOK_EXIT'],
  ['parse', 'HOOK_PARSE'],
] as const;

describe('security: vendor tools that print garbage or fail', () => {
  let h: Harness;
  const agents: Agent[] = [];

  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);

  afterAll(async () => {
    for (const a of agents) await a.close();
    await h?.close();
  });

  it.each(FAILS)(
    'fail=%s → hook error %s in telemetry, telemetry keeps flowing, the agent keeps serving its metrics',
    async (fail, code) => {
      const site = await h.enroll(`hook ${fail}`);
      const agent = await startSiteAgent(site, {
        metrics: { enabled: true },
        hook: {
          name: 'fake',
          options: { accelerators: [{ profile: 'h100-80gb-sxm', count: 1 }], fail },
        },
      });
      agents.push(agent);
      const s = await waitFor(
        () => h.coord.registry.get(site.siteId),
        (x) => (x?.hookErrors.length ?? 0) > 0,
        15_000,
      );
      expect(s?.hookErrors[0]).toMatchObject({ hook: 'fake', code });
      expect(s?.hookErrors[0]?.message?.length ?? 0).toBeLessThanOrEqual(500);
      // Rounds keep coming after the failure (the registry counts every applied telemetry message).
      const n = s?.telemetryCount ?? 0;
      await waitFor(
        () => h.coord.registry.get(site.siteId)?.telemetryCount ?? 0,
        (c) => c >= n + 2,
        10_000,
      );
      // No accelerators were reported, so the site offers no slots (nothing is routed to a blind site).
      expect(h.coord.registry.get(site.siteId)?.slotsTotal).toBe(0);
      const view = await h.api<{ hookErrors: { code: string }[] }>(
        'GET',
        `/api/v1/sites/${site.siteId}`,
      );
      expect(view.body.hookErrors[0]?.code).toBe(code);
      expect(
        await agent.metrics?.getSingleMetricAsString('edgefleet_agent_hook_errors_total'),
      ).toContain(`code="${code}"`);
    },
    30_000,
  );
});
