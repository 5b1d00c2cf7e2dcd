import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, runTs, type Proc } from '../support/processes.js';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { startNotifyListener } from './notify-listener.js';

interface DoctorJson {
  ok: boolean;
  checks: { name: string; level: 'pass' | 'warn' | 'fail'; detail: string; fix?: string }[];
}

async function doctor(
  dataDir: string,
  extra: string[] = [],
): Promise<{ code: number | null; text: string; json: DoctorJson }> {
  const text = runTs('agent/src/cli.ts', ['doctor', '--data-dir', dataDir, ...extra]);
  const code = await text.exited;
  const json = runTs('agent/src/cli.ts', ['doctor', '--data-dir', dataDir, '--json', ...extra]);
  await json.exited;
  const out = json.output();
  return { code, text: text.output(), json: JSON.parse(out.slice(out.indexOf('{'))) as DoctorJson };
}
const levels = (j: DoctorJson) => Object.fromEntries(j.checks.map((c) => [c.name, c.level]));

/**
 * The installer's workflow as processes: enroll with a code, run doctor against a live
 * coordinator (all pass), against wrong credentials and a stopped coordinator (the right checks
 * fail, each with its fix, exit 1); the agent and coordinator speak sd_notify (READY, WATCHDOG).
 */
describe('installer workflow: enroll, doctor, sd_notify, agent /metrics', () => {
  let coord: CoordinatorProc;
  let notify: Awaited<ReturnType<typeof startNotifyListener>>;
  const dir = mkdtempSync(join(tmpdir(), 'ef-site-'));
  let agent: Proc | undefined;

  beforeAll(async () => {
    notify = await startNotifyListener();
    process.env.NOTIFY_SOCKET = notify.path;
    process.env.WATCHDOG_USEC = '1000000';
    const starting = startCoordinatorProcess();
    delete process.env.NOTIFY_SOCKET;
    delete process.env.WATCHDOG_USEC;
    coord = await starting;
    const codes = await coord.api<{ codes: { code: string }[] }>(
      'POST',
      '/api/v1/enrollment-codes',
      { count: 1 },
    );
    const enroll = runTs('agent/src/cli.ts', [
      'enroll',
      '--coordinator',
      coord.http,
      '--code',
      codes.body.codes[0]?.code ?? '',
      '--name',
      'Doctor Site',
      '--lat',
      '47.1',
      '--lon',
      '8.5',
      '--data-dir',
      dir,
    ]);
    expect(await enroll.exited).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await agent?.kill();
    await coord?.proc.kill();
    notify?.close();
  });

  it('the coordinator signals READY=1 and pings the watchdog at half of WATCHDOG_USEC', async () => {
    await eventually(
      async () => notify.messages(),
      (m) => m.filter((x) => x.includes('WATCHDOG=1')).length >= 2,
      20_000,
    );
    const m = notify.messages();
    expect(m[0]).toMatch(/^MAINPID=\d+ READY=1/);
  });

  it('doctor passes every check against a live coordinator (gRPC TLS, and hook none on a host without vendor tools, are warnings with their fix)', async () => {
    const r = await doctor(dir);
    expect(r.code, r.text).toBe(0);
    expect(levels(r.json)).toMatchObject({
      credentials: 'pass',
      settings: 'pass',
      // defaults (an installed site's `{}`): the vendor tool found here, else hook none; ONNX Runtime
      'real hardware and inference': 'pass',
      'outbox disk': 'pass',
      'outbox durability': 'pass',
      'coordinator reachable': 'pass',
      clock: 'pass',
      'MQTT auth': 'pass',
      'gRPC EdgeControl': 'pass',
      'gRPC TLS': 'warn',
    });
    expect(r.json.checks.filter((c) => c.level === 'fail')).toEqual([]);
    expect(r.text).toMatch(/^PASS\s+outbox durability\s+write-before-answer: .* within 5 ms/m);
    expect(r.text).toMatch(/^PASS\s+MQTT auth/m);
    expect(r.text).toMatch(/^WARN\s+gRPC TLS[^\n]*\n\s+fix: /m);
    expect(r.text).toContain('all checks passed');
  }, 60_000);

  it('the agent serves /metrics, /livez and /readyz when enabled and speaks sd_notify', async () => {
    const own = await startNotifyListener();
    const settings = join(dir, 'settings.json');
    writeFileSync(
      settings,
      JSON.stringify({
        metrics: { enabled: true, port: 0 },
        telemetryIntervalMs: 300,
        hostMetrics: false,
      }),
    );
    agent = runTs('agent/src/cli.ts', ['run', '--data-dir', dir, '--config', settings], {
      NOTIFY_SOCKET: own.path,
      WATCHDOG_USEC: '1000000',
    });
    const m = await agent.waitFor(/metrics on (\S+)/, 60_000);
    await agent.waitFor(/agent \S+ running/, 30_000);
    const text = await (await fetch(m[1] as string)).text();
    expect(text).toContain('# TYPE edgefleet_agent_outbox_depth gauge');
    expect(text).toContain('edgefleet_agent_infer_total');
    const base = (m[1] as string).replace(/\/metrics$/, '');
    const ready = await eventually(
      () => fetch(`${base}/readyz`),
      (r) => r.status === 200,
      20_000,
    );
    expect(await ready.json()).toMatchObject({
      status: 'pass',
      checks: { broker: { status: 'pass' }, grpc: { status: 'pass' } },
    });
    expect((await fetch(`${base}/livez`)).status).toBe(200);
    await eventually(
      async () => own.messages(),
      (x) => x.some((l) => l.includes('READY=1')) && x.some((l) => l.includes('WATCHDOG=1')),
      20_000,
    );
    await agent.kill('SIGTERM');
    await eventually(
      async () => own.messages(),
      (x) => x.some((l) => l.includes('STOPPING=1')),
      10_000,
    );
    own.close();
    agent = undefined;
  }, 90_000);

  it('doctor fails MQTT auth and EdgeControl with wrong credentials, with the fix, exit 1', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'ef-site-bad-'));
    cpSync(join(dir, 'credentials.json'), join(bad, 'credentials.json'));
    const creds = JSON.parse(readFileSync(join(bad, 'credentials.json'), 'utf8')) as {
      secret: string;
      mqtt: { password?: string };
    };
    creds.secret = 'x'.repeat(40);
    if (creds.mqtt.password) creds.mqtt.password = creds.secret;
    writeFileSync(join(bad, 'credentials.json'), JSON.stringify(creds), { mode: 0o600 });
    const r = await doctor(bad);
    expect(r.code).toBe(1);
    expect(levels(r.json)).toMatchObject({
      credentials: 'pass',
      'coordinator reachable': 'pass',
      'MQTT auth': 'fail',
      'gRPC EdgeControl': 'fail',
    });
    expect(r.json.checks.find((c) => c.name === 'MQTT auth')?.fix).toMatch(/re-enroll/);
    expect(r.json.checks.find((c) => c.name === 'gRPC EdgeControl')?.fix).toMatch(/re-enroll/);
    expect(r.text).toMatch(/^FAIL\s+MQTT auth[^\n]*\n\s+fix: [^\n]*re-enroll/m);
  }, 60_000);

  it('doctor fails reachability, MQTT and gRPC against a stopped coordinator, exit 1', async () => {
    await coord.proc.kill('SIGTERM');
    expect(notify.messages().some((l) => l.includes('STOPPING=1'))).toBe(true);
    const r = await doctor(dir);
    expect(r.code).toBe(1);
    expect(levels(r.json)).toMatchObject({
      credentials: 'pass',
      'outbox disk': 'pass',
      'coordinator reachable': 'fail',
      clock: 'warn',
      'MQTT auth': 'fail',
      'gRPC EdgeControl': 'fail',
    });
    for (const c of r.json.checks.filter((x) => x.level === 'fail'))
      expect(c.fix, c.name).toBeTruthy();
    expect(r.text).toMatch(/^FAIL\s+coordinator reachable[^\n]*\n\s+fix: check the network path/m);
    expect(r.text).toMatch(/\d check\(s\) failed/);
  }, 60_000);

  it('doctor without credentials tells the installer to enroll', async () => {
    const r = await doctor(mkdtempSync(join(tmpdir(), 'ef-empty-')));
    expect(r.code).toBe(1);
    expect(r.json.checks[0]).toMatchObject({ name: 'credentials', level: 'fail' });
    expect(r.json.checks[0]?.fix).toMatch(/edgefleet-agent enroll/);
  }, 60_000);
});
