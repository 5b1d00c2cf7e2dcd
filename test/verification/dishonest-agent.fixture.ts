/**
 * A real agent process (`edgefleet-agent run`, same config and credentials) whose backend lies, for
 * test/verification/spot-checks.test.ts only — never selectable from the agent's own settings:
 *   wrong  answers without computing: the simulated backend's answer with its last word replaced;
 *   sleep  sleeps a second before computing and bills the sleep (a slower device, or no device).
 * usage: dishonest-agent.fixture.ts DATA_DIR SETTINGS_FILE wrong|sleep
 */
import { setTimeout as delay } from 'node:timers/promises';
import { createLogger } from '@edgefleet/common';
import {
  credentialOverrides,
  loadAgentConfig,
  readCredentials,
  simulatedBackend,
  startAgent,
  type InferenceBackend,
} from '@edgefleet/agent';

const [dataDir = '', file = '', lie = ''] = process.argv.slice(2);
const honest = simulatedBackend({ latencyMs: 2, jitterMs: 0, outputTokens: 4 });
const lies: Record<string, InferenceBackend> = {
  wrong: {
    kind: 'simulated',
    async infer(req) {
      const r = await honest.infer(req);
      return { ...r, output: r.output.replace(/\S+$/, 'tok') };
    },
  },
  sleep: {
    kind: 'simulated',
    async infer(req) {
      const t0 = performance.now();
      await delay(1_000);
      const r = await honest.infer(req);
      return { ...r, computeMs: performance.now() - t0 };
    },
  },
};
const backend = lies[lie];
if (!backend) throw new Error(`lie must be one of ${Object.keys(lies).join(', ')}`);
const cfg = loadAgentConfig({
  file,
  overrides: credentialOverrides(dataDir, readCredentials(dataDir)),
});
const agent = await startAgent(cfg, { backend, log: createLogger(`agent:${cfg.siteId}`) });
console.log(
  `agent ${agent.siteId} running; inference on ${agent.inferenceEndpoint} (lies: ${lie})`,
);
await new Promise<void>((resolve) => {
  process.once('SIGTERM', () => resolve());
  process.once('SIGINT', () => resolve());
});
await agent.close();
