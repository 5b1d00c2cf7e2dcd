import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { siteTopic } from '@edgefleet/proto';
import { eventually } from '../support/processes.js';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { enrollOverApi, startAgentProcess, type AgentProc } from '../support/site-agent.js';
import { connectMqtt, metricValue, runTag } from '../support/telemetry-harness.js';

interface SiteView {
  siteId: string;
  state: string;
  slotsTotal: number;
  sitePowerW: number;
  models: string[];
  rttMs: Record<string, number>;
  accelerators: { profile_id?: string; memory_total_mib?: number }[];
  signals: { mqtt: boolean; stream: boolean };
}

const SYSTEM_MOSQUITTO = 'mqtt://127.0.0.1:1883';
const tag = runTag();

/**
 * The same telemetry path, end to end with real processes, on both brokers: the embedded aedes
 * and the system Mosquitto on 1883 (anonymous, shared with other runs: site ids are unique per
 * run and the retained messages we leave are cleared at the end). Liveness runs with the
 * default settings: a SIGKILLed agent is offline within 3 s (both links gone = site failed).
 */
describe.each([
  { broker: 'embedded aedes', settings: {} as Record<string, unknown> },
  {
    broker: 'system Mosquitto :1883',
    settings: { mqtt: { url: SYSTEM_MOSQUITTO, sharedGroup: `ef-${tag}` } } as Record<
      string,
      unknown
    >,
  },
])('telemetry path on $broker', ({ settings }) => {
  let coord: CoordinatorProc;
  let agent: AgentProc;
  let spoofer: MqttClient | undefined;
  const external = 'mqtt' in settings;

  beforeAll(async () => {
    coord = await startCoordinatorProcess({ ...settings, liveness: {} });
    agent = await startAgentProcess(coord, `${tag}-${external ? 'ext' : 'emb'}`);
  }, 120_000);

  afterAll(async () => {
    spoofer?.end(true);
    await agent?.proc.kill('SIGKILL');
    await coord?.proc.kill();
    if (external && agent) {
      // leave nothing retained on the shared broker
      const c = await connectMqtt(SYSTEM_MOSQUITTO, { clientId: `${tag}-cleanup` });
      for (const kind of ['status', 'config'] as const)
        await c.publishAsync(siteTopic(agent.siteId, kind), Buffer.alloc(0), {
          qos: 1,
          retain: true,
        });
      await c.endAsync();
    }
  });

  it('brings the site online with its telemetry in the registry', async () => {
    const r = await eventually(
      () => coord.api<SiteView>('GET', `/api/v1/sites/${agent.siteId}`),
      (x) => x.body?.state === 'online' && x.body.sitePowerW > 0,
      30_000,
    );
    expect(r.body.signals).toEqual(expect.objectContaining({ mqtt: true, stream: true }));
    expect(r.body.slotsTotal).toBe(2);
    expect(r.body.models).toEqual(['llama-3-8b']);
    expect(r.body.accelerators[0]?.profile_id).toBe('h100-80gb-sxm');
    expect(r.body.accelerators[0]?.memory_total_mib).toBeGreaterThan(0);
    expect(r.body.rttMs['pop-fra']).toBeGreaterThan(0); // simulated 1.5 ms with jitter, smoothed
    expect(r.body.rttMs['pop-fra']).toBeLessThan(10);
  });

  it('counts and drops a bad telemetry message, and keeps the site online', async () => {
    const metric = async () =>
      metricValue(
        await (await fetch(`${coord.http}/metrics`)).text(),
        'edgefleet_bad_messages_total',
        { kind: 'telemetry', reason: 'malformed' },
      );
    const before = await metric();
    const other = await enrollOverApi(coord, `${tag}-${external ? 'x' : 'e'}-spoof`);
    spoofer = await connectMqtt(coord.mqtt.replace(/\/\/[^@/]+@/, '//'), {
      clientId: other.siteId,
      username: other.siteId,
      password: other.secret,
    });
    await spoofer.publishAsync(
      siteTopic(other.siteId, 'telemetry'),
      Buffer.from('{"accelerators": 5'),
      { qos: 1 },
    );
    await eventually(metric, (n) => n === before + 1, 10_000);
    const r = await coord.api<SiteView>('GET', `/api/v1/sites/${agent.siteId}`);
    expect(r.body.state).toBe('online');
  });

  it('takes a SIGKILLed agent offline within 3 s with default liveness settings', async () => {
    const t0 = Date.now();
    await agent.proc.kill('SIGKILL');
    const r = await eventually(
      () => coord.api<SiteView>('GET', `/api/v1/sites/${agent.siteId}`),
      (x) => x.body?.state === 'offline',
      10_000,
      25,
    );
    const tookMs = Date.now() - t0;
    console.log(
      `offline after SIGKILL in ${tookMs} ms (${external ? 'external broker: last will + stream drop' : 'embedded: socket close + stream drop'})`,
    );
    expect(r.body.signals).toEqual(expect.objectContaining({ mqtt: false, stream: false }));
    expect(tookMs).toBeLessThan(3000);
  });
});
