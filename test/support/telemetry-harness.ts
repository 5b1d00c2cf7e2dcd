import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import {
  coordinatorConfigSchema,
  startCoordinator,
  type Coordinator,
} from '@edgefleet/coordinator';
import { createLogger } from '@edgefleet/common';

/** A run-unique prefix for site ids, so retained messages of earlier runs on a shared broker never match. */
export function runTag(): string {
  return `t${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
}

/** The coordinator in this process (ephemeral ports, PGlite in a temp dir), for tests that need its registry. */
export async function startInProcessCoordinator(
  settings: Record<string, unknown> = {},
): Promise<Coordinator> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ef-tel-'));
  const config = coordinatorConfigSchema.parse({
    dataDir,
    http: { port: 0 },
    grpc: { port: 0 },
    mqtt: { port: 0 },
    reconcile: { enabled: false },
    ...settings,
  });
  return startCoordinator(config, {
    log: createLogger(
      'coordinator',
      (process.env.EDGEFLEET_E2E_LOG as 'debug' | undefined) ?? 'silent',
    ),
  });
}

/** Enrolls a site directly in the coordinator's site store (as POST /api/v1/enroll does), with a burn-signing key. */
export async function enrollSite(
  coord: Coordinator,
  siteId: string,
): Promise<{ siteId: string; secret: string; siteKey: KeyObject }> {
  const key = generateKeyPairSync('ed25519');
  const [code] = await coord.sites.issueCodes(1, 60_000, 'test');
  const { site, secret } = await coord.sites.enroll({
    code: code?.code ?? '',
    name: siteId,
    siteId,
    region: 'test',
    lat: 1,
    lon: 2,
    tariff: [],
    publicKeyPem: key.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
  coord.registry.upsertEnrolled(site);
  return { siteId: site.siteId, secret, siteKey: key.privateKey };
}

/** A plain mqtt.js client (MQTT 3.1.1) that resolves once connected or rejects with the CONNACK error. */
export async function connectMqtt(url: string, opts: IClientOptions): Promise<MqttClient> {
  const client = mqtt.connect(url, {
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ...opts,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
      client.once('close', () => reject(new Error('connection closed before CONNACK')));
    });
  } catch (err) {
    client.end(true);
    throw err;
  }
  return client;
}

/** Counter value from a Prometheus text exposition (sum over label sets that match `labels`). */
export function metricValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^(\w+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries(
      (m[2] ?? '')
        .split(',')
        .filter(Boolean)
        .map((kv) => {
          const [k, v] = kv.split('=');
          return [k, (v ?? '').replace(/"/g, '')];
        }),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[3]);
  }
  return sum;
}
