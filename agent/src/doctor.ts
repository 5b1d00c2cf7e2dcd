import { statfs } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import mqtt from 'mqtt';
import { describeError } from '@edgefleet/common';
import { createHook, detectHooks } from '@edgefleet/firmware-hooks';
import { EdgeControlService, GRPC_CHANNEL_OPTIONS, pb, type edgefleet } from '@edgefleet/proto';
import { loadAgentConfig } from './config.js';
import { readCredentials } from './credentials.js';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

async function check(name: string, fn: () => Promise<{ ok: boolean; detail: string; fix?: string }>): Promise<Check> {
  try {
    return { name, ...(await fn()) };
  } catch (err) {
    return { name, ok: false, detail: describeError(err) };
  }
}

/** Checks what an installer needs working before the site goes live; prints pass/fail with the fix. */
export async function runDoctor(o: { dataDir: string; configFile?: string | undefined; json?: boolean }): Promise<boolean> {
  const checks: Check[] = [];
  let creds: ReturnType<typeof readCredentials> | undefined;
  checks.push(await check('credentials', async () => {
    creds = readCredentials(o.dataDir);
    return { ok: true, detail: `site ${creds.siteId}` };
  }));
  if (!creds) checks[0] = { ...(checks[0] as Check), fix: 'run "edgefleet-agent enroll --coordinator … --code …" with a code from the NOC' };
  const cfg = creds ? loadAgentConfig({ file: o.configFile, overrides: { dataDir: o.dataDir, siteId: creds.siteId, secret: creds.secret, coordinator: { grpc: creds.coordinator.grpc }, mqtt: { url: creds.mqtt.url }, signingKeys: creds.signingKeys } }) : undefined;

  const hookName = cfg?.hook.name ?? 'fake';
  checks.push(await check(`firmware hook ${hookName}`, async () => {
    const r = await createHook(hookName, cfg?.hook.options ?? {}).collect({ timeoutMs: cfg?.hook.timeoutMs ?? 5000 });
    return { ok: r.accelerators.length > 0 || r.sitePowerW !== undefined, detail: `${r.accelerators.length} accelerator(s): ${[...new Set(r.accelerators.map((a) => a.model))].join(', ') || 'none'}`, fix: 'check the vendor driver and tool installation, or set hook.name' };
  }));
  checks.push(await check('vendor tools on PATH', async () => {
    const found = await detectHooks();
    return { ok: true, detail: found.length ? found.map((f) => `${f.hook} (${f.path})`).join(', ') : 'none found (simulation only)' };
  }));
  checks.push(await check('outbox disk', async () => {
    mkdirSync(o.dataDir, { recursive: true });
    const s = await statfs(o.dataDir);
    const freeMb = (s.bavail * s.bsize) / 2 ** 20;
    return { ok: freeMb > 100, detail: `${freeMb.toFixed(0)} MiB free under ${o.dataDir}`, fix: 'free disk space: burns wait in the outbox until the coordinator acknowledges them' };
  }));
  if (creds && cfg) {
    const c = creds;
    checks.push(await check('coordinator HTTP reachable', async () => {
      const t0 = Date.now();
      const r = await fetch(`${c.coordinator.http}/healthz`, { signal: AbortSignal.timeout(3000) });
      const serverDate = Date.parse(r.headers.get('date') ?? '');
      const skew = Number.isNaN(serverDate) ? undefined : Math.abs(serverDate - (t0 + Date.now()) / 2);
      return { ok: r.ok, detail: `${c.coordinator.http} → ${r.status}${skew !== undefined ? `, clock skew ≈ ${Math.round(skew / 1000)} s` : ''}`, fix: 'check the network path and firewall to the coordinator' };
    }));
    checks.push(await check('clock', async () => {
      const r = await fetch(`${c.coordinator.http}/healthz`, { signal: AbortSignal.timeout(3000) });
      const serverDate = Date.parse(r.headers.get('date') ?? '');
      if (Number.isNaN(serverDate)) return { ok: true, detail: 'coordinator sent no Date header; not checked' };
      const skew = Math.abs(serverDate - Date.now());
      return { ok: skew < 5000, detail: `skew ≈ ${(skew / 1000).toFixed(1)} s vs coordinator`, fix: 'enable NTP (timedatectl set-ntp true): lease expiry and burn windows depend on the clock' };
    }));
    checks.push(await check('MQTT auth', () => new Promise((resolve) => {
      const client = mqtt.connect(c.mqtt.url, { clientId: c.siteId, username: c.siteId, password: c.secret, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 3000 });
      client.once('connect', () => {
        client.end(true);
        resolve({ ok: true, detail: `${c.mqtt.url} accepted site ${c.siteId}` });
      });
      client.once('error', (err) => {
        client.end(true);
        resolve({ ok: false, detail: `${c.mqtt.url}: ${err.message}`, fix: 'credentials revoked or broker unreachable: re-enroll, or open the MQTT port' });
      });
    })));
    checks.push(await check('gRPC EdgeControl', () => new Promise((resolve) => {
      const Client = grpc.makeGenericClientConstructor(EdgeControlService, 'EdgeControl');
      const client = new Client(c.coordinator.grpc, grpc.credentials.createInsecure(), GRPC_CHANNEL_OPTIONS);
      const stream = (client as unknown as { connect(): grpc.ClientDuplexStream<edgefleet.v1.AgentMessage, edgefleet.v1.CoordinatorMessage> }).connect();
      const done = (r: { ok: boolean; detail: string; fix?: string }) => {
        stream.cancel();
        client.close();
        resolve(r);
      };
      const t = setTimeout(() => done({ ok: false, detail: 'no answer in 3 s', fix: 'open the gRPC port to the coordinator' }), 3000);
      stream.on('data', (m: edgefleet.v1.CoordinatorMessage) => {
        if (m.welcome) {
          clearTimeout(t);
          done({ ok: true, detail: `${c.coordinator.grpc} welcomed site ${m.welcome.site_id} (plaintext; TLS not configured)` });
        }
      });
      stream.on('error', (err: Error) => {
        clearTimeout(t);
        done({ ok: false, detail: err.message, fix: 'check the coordinator address and the site credentials' });
      });
      stream.write(new pb.AgentMessage({ hello: { site_id: c.siteId, secret: c.secret, agent_version: 'doctor' } }));
    })));
  }
  if (o.json) console.log(JSON.stringify({ ok: checks.every((c) => c.ok), checks }, null, 2));
  else {
    for (const c of checks) {
      console.log(`${c.ok ? 'PASS' : 'FAIL'}  ${c.name.padEnd(28)} ${c.detail}`);
      if (!c.ok && c.fix) console.log(`      fix: ${c.fix}`);
    }
  }
  return checks.every((c) => c.ok);
}
