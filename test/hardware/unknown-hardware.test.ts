import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import type { Coordinator } from '@edgefleet/coordinator';
import { profileById } from '@edgefleet/firmware-hooks';
import { encodePayload, pb, siteTopic } from '@edgefleet/proto';
import { eventually } from '../support/processes.js';
import {
  connectMqtt,
  enrollSite,
  runTag,
  startInProcessCoordinator,
} from '../support/telemetry-harness.js';

const BIN = fileURLToPath(new URL('../../client/bin/edgefleet.js', import.meta.url));
const ADMIN = `adm_${runTag()}`;

// Each CLI run is a fresh Node process (seconds on a loaded machine): the tests allow for that.
/** The real `edgefleet` launcher as a child process, against the coordinator's REST API. */
function cli(
  api: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('EDGEFLEET_')),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...env, EDGEFLEET_API: api, EDGEFLEET_TOKEN: ADMIN } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Unknown hardware end to end: a site reports a card no profile resolves (over a real MQTT
 * socket, with a multiplier of its own that is ignored), the coordinator keeps it from routing
 * and lists it for the NOC, and `edgefleet hardware map` makes it routable at the mapped price.
 */
describe('unknown hardware: listed, not routable, mapped by an operator (CLI → REST → registry)', () => {
  let coord: Coordinator;
  let client: MqttClient;
  let site = '';

  beforeAll(async () => {
    coord = await startInProcessCoordinator({
      auth: { tokens: [{ token: ADMIN, role: 'admin', name: 'noc-admin' }] },
    });
    const a = await enrollSite(coord, `${runTag()}-hw`);
    site = a.siteId;
    client = await connectMqtt(coord.mqttUrl, {
      clientId: site,
      username: site,
      password: a.secret,
    });
    await client.publishAsync(
      siteTopic(site, 'telemetry'),
      encodePayload(
        pb.Telemetry,
        new pb.Telemetry({
          site_id: site,
          ts_ms: Date.now(),
          models: ['llama'],
          accelerators: [
            {
              vendor: 'nvidia',
              model: 'NVIDIA B200',
              serial: 'GPU-0',
              memory_total_mib: 140_000,
              slots_total: 1,
              slots_free: 1,
              isolation: 'whole',
              multiplier: 9, // the site's own claim
              domestic: true,
            },
          ],
        }),
      ),
      { qos: 1 },
    );
    await eventually(
      async () => coord.registry.get(site)?.telemetryCount,
      (n) => n === 1,
      10_000,
      20,
    );
  }, 120_000);
  afterAll(async () => {
    await client?.endAsync();
    await coord?.close();
  });

  it('keeps the site from routing and lists the card for the NOC', async () => {
    const s = coord.registry.get(site);
    expect(s?.unknownHardware.map((u) => [u.identity.model, u.reason])).toEqual([
      ['NVIDIA B200', 'no_match'],
    ]);
    expect(s?.domesticOnly).toBe(false);
    expect(s?.multiplier).toBe(0);
    const r = await cli(coord.httpUrl, ['hardware', 'unknown', '--json']);
    expect(r.stderr).toBe('');
    const items = (JSON.parse(r.stdout) as { items: { modelString: string; sites: string[] }[] })
      .items;
    expect(items).toEqual([
      expect.objectContaining({ modelString: 'NVIDIA B200', sites: [site], reason: 'no_match' }),
    ]);
  }, 120_000);

  it('prices the site by the mapped profile once an operator maps the model string', async () => {
    const bad = await cli(coord.httpUrl, ['hardware', 'map', 'NVIDIA B200', 'fake-h100']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('HARDWARE_PROFILE_UNKNOWN');
    const r = await cli(coord.httpUrl, ['hardware', 'map', 'NVIDIA B200', 'h200']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = coord.registry.get(site);
    expect(s?.unknownHardware).toEqual([]);
    expect(s?.multiplier).toBe(profileById('h200')?.multiplier);
    expect(s?.domesticOnly).toBe(false);
    const listed = await cli(coord.httpUrl, ['hardware', 'mappings', '--json']);
    expect(JSON.parse(listed.stdout)).toMatchObject({
      items: [{ modelString: 'NVIDIA B200', profileId: 'h200', createdBy: 'noc-admin' }],
    });
    expect(
      JSON.parse((await cli(coord.httpUrl, ['hardware', 'unknown', '--json'])).stdout),
    ).toEqual({
      items: [],
      nextCursor: null,
    });
  }, 240_000);
});
