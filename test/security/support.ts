import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import * as grpc from '@grpc/grpc-js';
import { bearerInterceptor } from '../support/bearer.js';
import {
  GRPC_CHANNEL_OPTIONS,
  InferenceService,
  LeaseBrokerService,
  type edgefleet,
} from '@edgefleet/proto';
import { loadCoordinatorConfig, startCoordinator, type Coordinator } from '@edgefleet/coordinator';
import {
  loadAgentConfig,
  newSiteKeyPair,
  startAgent,
  writeSiteKey,
  type Agent,
} from '@edgefleet/agent';

export type Role = 'viewer' | 'installer' | 'operator' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'installer', 'operator', 'admin'];

export interface Enrolled {
  siteId: string;
  secret: string;
  mqttUrl: string;
  grpc: string;
  signingKeys: { kid: string; public_key_pem: string }[];
  /** The site's Ed25519 private key (PEM), enrolled; the agent signs burn batches with it. */
  siteKeyPem: string;
}

export interface Harness {
  coord: Coordinator;
  tokens: Record<Role, string>;
  /** JSON API call; `token` defaults to the admin token, `null` sends none. */
  api<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    token?: string | null,
  ): Promise<{ status: number; body: T; text: string }>;
  enroll(name: string): Promise<Enrolled>;
  /** Sum of a Prometheus counter's samples (optionally only those whose labels include `labels`), read from GET /metrics. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

/** A real coordinator in this process (PGlite, embedded aedes, gRPC, HTTP) on ephemeral ports. */
export async function startHarness(settings: Record<string, unknown> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ef-sec-'));
  const tokens = Object.fromEntries(
    ROLES.map((r) => [r, `${r}-${randomBytes(16).toString('base64url')}`]),
  ) as Record<Role, string>;
  const config = loadCoordinatorConfig({
    env: {},
    overrides: {
      dataDir,
      http: { port: 0 },
      grpc: { port: 0 },
      mqtt: { port: 0 },
      auth: { tokens: ROLES.map((role) => ({ token: tokens[role], role, name: `sec-${role}` })) },
      reconcile: { enabled: false },
      leases: { settleMs: 0, offerTimeoutMs: 1000 },
      ...settings,
    },
  });
  const coord = await startCoordinator(config);
  const api: Harness['api'] = async <T>(
    method: string,
    path: string,
    body?: unknown,
    token: string | null = tokens.admin,
  ) => {
    const headers: Record<string, string> = {};
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const init = {
      method,
      headers,
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    };
    const res = await fetchOnce(coord.httpUrl + path, init);
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed as T, text };
  };
  return {
    coord,
    tokens,
    api,
    async enroll(name) {
      const codes = await api<{ codes: { code: string }[] }>('POST', '/api/v1/enrollment-codes', {
        count: 1,
      });
      const code = codes.body.codes[0]?.code ?? '';
      const siteKey = newSiteKeyPair();
      const r = await api<{ siteId: string; secret: string; signingKeys: Enrolled['signingKeys'] }>(
        'POST',
        '/api/v1/enroll',
        { code, name, lat: 48.1, lon: 11.6, region: 'eu', publicKeyPem: siteKey.publicKeyPem },
        null,
      );
      if (r.status !== 201) throw new Error(`enroll failed: ${r.status} ${r.text}`);
      return {
        siteId: r.body.siteId,
        secret: r.body.secret,
        signingKeys: r.body.signingKeys,
        siteKeyPem: siteKey.privateKeyPem,
        mqttUrl: coord.mqttUrl,
        grpc: coord.grpcEndpoint,
      };
    },
    async metric(name, labels = {}) {
      const res = await fetch(`${coord.httpUrl}/metrics`);
      return sumMetric(await res.text(), name, labels);
    },
    close: () => coord.close(),
  };
}

/**
 * fetch with one retry when a reused keep-alive socket turns out to be closed by the server
 * (undici: "other side closed"); the server may close a connection after answering a request
 * early (413/415) without reading its body. Any other failure is thrown.
 */
export async function fetchOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    if (cause?.code !== 'UND_ERR_SOCKET') throw err;
    return fetch(url, init);
  }
}

/** Sums the samples of `name` in Prometheus text whose labels include every pair in `labels`. */
export function sumMetric(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const ls = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => ls.includes(`${k}="${v}"`))) sum += Number(m[3]);
  }
  return sum;
}

/** Connects with mqtt.js (3.1.1); resolves on CONNACK, rejects on refusal (no reconnect). */
export function connectMqtt(url: string, opts: IClientOptions): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(url, {
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...opts,
    });
    c.once('connect', () => resolve(c));
    c.once('error', (err) => {
      c.end(true);
      reject(err);
    });
  });
}

export function publish(
  c: MqttClient,
  topic: string,
  payload: Buffer | string,
  qos: 0 | 1 = 0,
): Promise<void> {
  return new Promise((resolve, reject) =>
    c.publish(topic, payload, { qos }, (err) => (err ? reject(err) : resolve())),
  );
}

export async function waitFor<T>(
  fn: () => T | Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 10_000,
  everyMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await fn();
  while (!ok(last)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, everyMs));
    last = await fn();
  }
  return last;
}

/** Keys that try to pollute prototypes through JSON.parse / Object.assign style merges. */
export const POLLUTION_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'polluted',
  'toString',
  'valueOf',
  'hasOwnProperty',
] as const;

export function prototypeIsClean(): boolean {
  const probe = {} as Record<string, unknown>;
  return (
    probe.polluted === undefined &&
    Object.keys(Object.prototype).length === 0 &&
    typeof probe.toString === 'function' &&
    {}.constructor === Object
  );
}

/** A real agent in this process, enrolled as `site`, with a fake two-accelerator hook and a fast simulated backend. */
export async function startSiteAgent(
  site: Enrolled,
  extra: Record<string, unknown> = {},
): Promise<Agent> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ef-sec-agent-'));
  writeSiteKey(dataDir, site.siteKeyPem);
  const config = loadAgentConfig({
    env: {},
    overrides: {
      dataDir,
      siteId: site.siteId,
      secret: site.secret,
      coordinator: { grpc: site.grpc },
      mqtt: { url: site.mqttUrl },
      signingKeys: site.signingKeys,
      models: ['llama-3-8b'],
      hook: { name: 'fake', options: { accelerators: [{ profile: 'h100-80gb-sxm', count: 2 }] } },
      backend: { kind: 'simulated', latencyMs: 1, jitterMs: 0, outputTokens: 4 },
      telemetryIntervalMs: 200,
      burnFlushIntervalMs: 50,
      hostMetrics: false,
      ...extra,
    },
  });
  return startAgent(config);
}

type Unary<Req, Res> = (
  req: Req,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res?: Res) => void,
) => grpc.ClientUnaryCall;
export interface BrokerClient extends grpc.Client {
  acquire: Unary<edgefleet.v1.AcquireRequest, edgefleet.v1.AcquireResponse>;
  renew: Unary<edgefleet.v1.RenewRequest, edgefleet.v1.RenewResponse>;
  release: Unary<edgefleet.v1.ReleaseRequest, edgefleet.v1.ReleaseResponse>;
  watch: (
    req: edgefleet.v1.WatchRequest,
    opts: grpc.CallOptions,
  ) => grpc.ClientReadableStream<edgefleet.v1.LeaseEvent>;
}
export interface InferenceClient extends grpc.Client {
  infer: Unary<edgefleet.v1.InferRequest, edgefleet.v1.InferResponse>;
}

/** A raw LeaseBroker client; `token` (a customer API key or a staff token) goes in `authorization`, none when omitted. */
export function brokerClient(endpoint: string, token?: string): BrokerClient {
  const Ctor = grpc.makeGenericClientConstructor(
    LeaseBrokerService as unknown as grpc.ServiceDefinition,
    'LeaseBroker',
  );
  const options = token
    ? { ...GRPC_CHANNEL_OPTIONS, interceptors: [bearerInterceptor(token)] }
    : GRPC_CHANNEL_OPTIONS;
  return new Ctor(endpoint, grpc.credentials.createInsecure(), options) as unknown as BrokerClient;
}

export function inferenceClient(
  endpoint: string,
  creds = grpc.credentials.createInsecure(),
): InferenceClient {
  const Ctor = grpc.makeGenericClientConstructor(
    InferenceService as unknown as grpc.ServiceDefinition,
    'Inference',
  );
  return new Ctor(endpoint, creds, GRPC_CHANNEL_OPTIONS) as unknown as InferenceClient;
}

export interface Reply<T> {
  code: number;
  details: string;
  res?: T;
}

/** One unary call with a deadline; resolves with the status (OK or the error's) instead of throwing. */
export function call<Req, Res>(
  fn: Unary<Req, Res>,
  client: grpc.Client,
  req: Req,
): Promise<Reply<Res>> {
  return new Promise((resolve) => {
    fn.call(client, req, new grpc.Metadata(), { deadline: Date.now() + 10_000 }, (err, res) => {
      resolve(
        err ? { code: err.code, details: err.details } : { code: grpc.status.OK, details: '', res },
      );
    });
  });
}
