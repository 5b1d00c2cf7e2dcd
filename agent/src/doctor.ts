import { statfs } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import mqtt from 'mqtt';
import { describeError } from '@edgefleet/common';
import { detectHooks } from '@edgefleet/firmware-hooks';
import { EdgeControlService, GRPC_CHANNEL_OPTIONS, pb, type edgefleet } from '@edgefleet/proto';
import { controlEndpoints, loadAgentConfig, type AgentConfig } from './config.js';
import { backendChecks } from './doctor-backend.js';
import { hardwareChecks } from './doctor-hardware.js';
import { describeDurability } from './outbox/durability.js';
import { checkGrpcTls } from './doctor-tls.js';
import { controlChannelCredentials } from './grpc-tls.js';
import { credentialOverrides, readCredentials, type Credentials } from './credentials.js';
import { SiteKey, siteKeyPath } from './site-key.js';

export type Level = 'pass' | 'warn' | 'fail';

export interface Check {
  name: string;
  level: Level;
  /** pass or warn. */
  ok: boolean;
  detail: string;
  fix?: string;
}

type Outcome = { level: Level; detail: string; fix?: string };

async function check(name: string, fix: string, fn: () => Promise<Outcome>): Promise<Check> {
  try {
    const r = await fn();
    return {
      name,
      ok: r.level !== 'fail',
      ...r,
      ...(r.level === 'pass' ? {} : { fix: r.fix ?? fix }),
    };
  } catch (err) {
    return { name, level: 'fail', ok: false, detail: describeError(err), fix };
  }
}

const MIN_FREE_MIB = 100;
const MAX_SKEW_MS = 5000;

/** Checks what an installer needs working before the site goes live; prints pass/warn/fail with the fix. */
export async function runDoctor(o: {
  dataDir: string;
  configFile?: string | undefined;
  json?: boolean;
  timeoutMs?: number;
}): Promise<boolean> {
  const checks = await doctorChecks(o);
  if (o.json) console.log(JSON.stringify({ ok: checks.every((c) => c.ok), checks }, null, 2));
  else {
    for (const c of checks) {
      console.log(`${c.level.toUpperCase().padEnd(4)}  ${c.name.padEnd(30)} ${c.detail}`);
      if (c.fix) console.log(`      fix: ${c.fix}`);
    }
    const failed = checks.filter((c) => c.level === 'fail').length;
    const warned = checks.filter((c) => c.level === 'warn').length;
    console.log(
      failed
        ? `${failed} check(s) failed${warned ? `, ${warned} warning(s)` : ''}: fix them, then run doctor again`
        : `all checks passed${warned ? ` (${warned} warning(s))` : ''}`,
    );
  }
  return checks.every((c) => c.ok);
}

export async function doctorChecks(o: {
  dataDir: string;
  configFile?: string | undefined;
  timeoutMs?: number;
}): Promise<Check[]> {
  const timeoutMs = o.timeoutMs ?? 3000;
  const checks: Check[] = [];
  let creds: Credentials | undefined;
  checks.push(
    await check(
      'credentials',
      'run "edgefleet-agent enroll --coordinator … --code …" with a code from the NOC',
      async () => {
        creds = readCredentials(o.dataDir);
        return { level: 'pass', detail: `site ${creds.siteId} (${o.dataDir}/credentials.json)` };
      },
    ),
  );
  let cfg: AgentConfig | undefined;
  if (creds) {
    const c = creds;
    checks.push(
      await check(
        'settings',
        'fix the settings file or the EDGEFLEET_AGENT_* variables named above',
        async () => {
          cfg = loadAgentConfig({
            file: o.configFile,
            overrides: credentialOverrides(o.dataDir, c),
          });
          return {
            level: 'pass',
            detail: o.configFile ? `loaded ${o.configFile}` : 'defaults + environment',
          };
        },
      ),
    );
  }

  if (cfg) {
    const required = cfg.burnSigning === 'require';
    checks.push(
      await check(
        'site key (burn signing)',
        `chmod 600 ${siteKeyPath(o.dataDir)} if it is too open; if it is lost or was exposed, run "edgefleet-agent rotate-site-key --data-dir ${o.dataDir}"`,
        async () => {
          const key = SiteKey.open(o.dataDir, required).current();
          return key
            ? { level: 'pass', detail: `Ed25519, ${siteKeyPath(o.dataDir)} (0600)` }
            : {
                level: 'warn',
                detail: 'none: burn batches go out unsigned (burnSigning "if-key")',
                fix: `run "edgefleet-agent rotate-site-key --data-dir ${o.dataDir}": a coordinator requiring signed burns refuses unsigned batches`,
              };
        },
      ),
    );
  }

  // The hook the agent really uses (auto resolved here as at run), its power hook, the vendor
  // tools found (listed, run only when used), and no simulated hook or backend on a real site.
  checks.push(...(await hardwareChecks(cfg, await detectHooks(), o.configFile)));
  // The HTTP proxy's local inference server: health and the models it serves (doctor-backend.ts).
  checks.push(...(await backendChecks(cfg, timeoutMs)));

  checks.push(
    await check(
      'outbox disk',
      'free disk space: burns wait in the outbox until the coordinator acknowledges them',
      async () => {
        mkdirSync(o.dataDir, { recursive: true });
        const s = await statfs(o.dataDir);
        const freeMb = (s.bavail * s.bsize) / 2 ** 20;
        return {
          level: freeMb > MIN_FREE_MIB ? 'pass' : 'fail',
          detail: `${freeMb.toFixed(0)} MiB free under ${o.dataDir} (need > ${MIN_FREE_MIB})`,
        };
      },
    ),
  );
  // States the crash guarantee the site runs with (agent/src/outbox/README.md "Durability").
  if (cfg) {
    const { durability, syncIntervalMs } = cfg.outbox;
    checks.push(
      await check('outbox durability', '', () =>
        Promise.resolve({
          level: 'pass',
          detail: describeDurability(durability, syncIntervalMs),
        }),
      ),
    );
  }
  if (!creds) return checks;
  const c = creds;

  let serverDateMs: number | undefined;
  let localMidMs = 0;
  checks.push(
    await check(
      'coordinator reachable',
      `check the network path and firewall to ${c.coordinator.http}, and that the coordinator runs (systemctl status edgefleet-coordinator)`,
      async () => {
        const t0 = Date.now();
        const r = await fetch(`${c.coordinator.http}/healthz`, {
          signal: AbortSignal.timeout(timeoutMs),
        });
        await r.body?.cancel();
        localMidMs = (t0 + Date.now()) / 2;
        const d = Date.parse(r.headers.get('date') ?? '');
        if (!Number.isNaN(d)) serverDateMs = d;
        return {
          level: r.ok ? 'pass' : 'fail',
          detail: `${c.coordinator.http}/healthz → HTTP ${r.status} in ${Date.now() - t0} ms`,
        };
      },
    ),
  );
  checks.push(
    await check(
      'clock',
      'enable NTP (timedatectl set-ntp true): lease expiry and burn windows depend on the clock',
      async () => {
        if (serverDateMs === undefined)
          return {
            level: 'warn',
            detail: 'not checked: no answer (or no Date header) from the coordinator',
            fix: 'make the coordinator reachable, then run doctor again',
          };
        // The HTTP Date header has 1 s resolution: allow for it.
        const skew = Math.max(0, Math.abs(serverDateMs + 500 - localMidMs) - 500);
        return {
          level: skew < MAX_SKEW_MS ? 'pass' : 'fail',
          detail: `skew ≈ ${(skew / 1000).toFixed(1)} s vs the coordinator (limit ${MAX_SKEW_MS / 1000} s)`,
        };
      },
    ),
  );
  checks.push(
    await check(
      'MQTT auth',
      'wrong or revoked site credentials: re-enroll with a new code; or open the MQTT port to the broker',
      () =>
        new Promise((resolve) => {
          const client = mqtt.connect(c.mqtt.url, {
            clientId: `${c.siteId}`,
            username: c.siteId,
            password: c.secret,
            protocolVersion: 4,
            reconnectPeriod: 0,
            connectTimeout: timeoutMs,
            clean: true,
          });
          const done = (r: Outcome) => {
            client.end(true);
            resolve(r);
          };
          client.once('connect', () =>
            done({ level: 'pass', detail: `${c.mqtt.url} accepted site ${c.siteId}` }),
          );
          client.once('error', (err) => {
            const refused =
              /not authorized|bad user ?name or password|connection refused: (bad|not)/i.test(
                err.message,
              );
            done({
              level: 'fail',
              detail: `${c.mqtt.url}: ${err.message}`,
              fix: refused
                ? 'the broker refused these credentials: re-enroll the site with a new code from the NOC'
                : `the broker at ${c.mqtt.url} is unreachable: open the port or fix the URL`,
            });
          });
          client.once('close', () =>
            done({ level: 'fail', detail: `${c.mqtt.url}: connection closed before CONNACK` }),
          );
        }),
    ),
  );
  // One check per coordinator replica the agent streams to (coordinator.endpoints), else the enrolled one.
  const targets = cfg ? controlEndpoints(cfg) : [c.coordinator.grpc];
  const tls: AgentConfig['coordinator']['tls'] = cfg?.coordinator.tls ??
    c.grpcTls ?? { mode: 'off' };
  for (const target of targets) {
    checks.push(
      await check(
        targets.length > 1 ? `gRPC EdgeControl ${target}` : 'gRPC EdgeControl',
        'open the gRPC port to the coordinator and check the site credentials',
        () =>
          new Promise((resolve) => {
            const Client = grpc.makeGenericClientConstructor(EdgeControlService, 'EdgeControl');
            const client = new Client(target, controlChannelCredentials(tls), {
              ...GRPC_CHANNEL_OPTIONS,
              'grpc.initial_reconnect_backoff_ms': 200,
            });
            const stream = (
              client as unknown as {
                connect(
                  o: grpc.CallOptions,
                ): grpc.ClientDuplexStream<
                  edgefleet.v1.AgentMessage,
                  edgefleet.v1.CoordinatorMessage
                >;
              }
            ).connect({ deadline: Date.now() + timeoutMs });
            let settled = false;
            const done = (r: Outcome) => {
              if (settled) return;
              settled = true;
              stream.cancel();
              client.close();
              resolve(r);
            };
            stream.on('data', (m: edgefleet.v1.CoordinatorMessage) => {
              if (m.welcome)
                done({ level: 'pass', detail: `${target} welcomed site ${m.welcome.site_id}` });
            });
            stream.on('error', (err: grpc.ServiceError) => {
              const auth =
                err.code === grpc.status.UNAUTHENTICATED ||
                err.code === grpc.status.PERMISSION_DENIED;
              const tlsFailed = err.code === grpc.status.UNAVAILABLE && tls.mode !== 'off';
              done({
                level: 'fail',
                detail: `${target}: ${err.details || err.message}`,
                fix: auth
                  ? 'the coordinator refused the site credentials: re-enroll the site'
                  : tlsFailed
                    ? 'the TLS connection failed: see the "gRPC TLS" check below'
                    : `no gRPC answer from ${target}: open the port (TCP) or fix grpc.advertise on the coordinator`,
              });
            });
            stream.write(
              new pb.AgentMessage({
                hello: {
                  site_id: c.siteId,
                  secret: c.secret,
                  agent_version: 'doctor',
                  probe: true,
                },
              }),
            );
          }),
      ),
    );
  }
  // In plain words: TLS handshake ok / certificate expired / CA mismatch / plaintext (doctor-tls.ts).
  for (const target of targets) {
    checks.push(
      await check(
        targets.length > 1 ? `gRPC TLS ${target}` : 'gRPC TLS',
        're-enroll the site',
        () => checkGrpcTls(target, tls, timeoutMs),
      ),
    );
  }
  return checks;
}
