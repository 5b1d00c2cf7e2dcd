import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/processes.js';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { startMosquitto, type MosquittoProc } from '../support/mosquitto.js';
import { startAgentProcess, type AgentProc } from '../support/site-agent.js';
import { runTag } from '../support/telemetry-harness.js';

interface SiteView {
  state: string;
  signals: { mqtt: boolean; stream: boolean };
}

/**
 * Link lost vs site failed, with real processes and default liveness settings: the external
 * broker dies (MQTT gone, EdgeControl streams up) → the site is degraded, not offline, and back
 * online when the broker returns; the agent killed while the broker is down (both links gone)
 * → offline at once.
 */
describe('link lost (broker down, stream up) is told apart from site failed', () => {
  let mosq: MosquittoProc;
  let coord: CoordinatorProc;
  let agent: AgentProc;
  const site = () => coord.api<SiteView>('GET', `/api/v1/sites/${agent.siteId}`);

  beforeAll(async () => {
    mosq = await startMosquitto();
    coord = await startCoordinatorProcess({ mqtt: { url: mosq.url }, liveness: {} });
    agent = await startAgentProcess(coord, `${runTag()}-link`);
    await eventually(site, (r) => r.body?.state === 'online', 30_000);
  }, 120_000);
  afterAll(async () => {
    await agent?.proc.kill('SIGKILL');
    await coord?.proc.kill();
    await mosq?.stop();
  });

  it('keeps the site degraded (not offline) while only the broker is gone, and online again when it is back', async () => {
    await mosq.stop();
    const lost = await eventually(site, (r) => r.body?.state !== 'online', 10_000, 50);
    expect(lost.body).toMatchObject({ state: 'degraded', signals: { mqtt: false, stream: true } });
    await new Promise((r) => setTimeout(r, 2000));
    expect((await site()).body.state).toBe('degraded');
    mosq = await startMosquitto({ port: mosq.port });
    const back = await eventually(site, (r) => r.body?.state === 'online', 30_000, 100);
    expect(back.body.signals).toMatchObject({ mqtt: true, stream: true });
  }, 60_000);

  it('calls it a site failure when the stream drops too: offline at once', async () => {
    await mosq.stop();
    await eventually(site, (r) => r.body?.state === 'degraded', 10_000, 50);
    const t0 = Date.now();
    await agent.proc.kill('SIGKILL');
    await eventually(site, (r) => r.body?.state === 'offline', 10_000, 25);
    expect(Date.now() - t0).toBeLessThan(3000);
  }, 60_000);
});
