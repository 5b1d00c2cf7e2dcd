import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoordinatorProc } from './coordinator-process.js';
import { runTs, type Proc } from './processes.js';

/** One-time code from the coordinator's REST API. */
export async function issueCode(coord: CoordinatorProc): Promise<string> {
  const r = await coord.api<{ codes: { code: string }[] }>('POST', '/api/v1/enrollment-codes', {
    count: 1,
  });
  if (r.status !== 201) throw new Error(`enrollment codes: HTTP ${r.status}`);
  return r.body.codes[0]?.code ?? '';
}

/** Enrolls a site over REST (no agent), for tests that speak MQTT as that site themselves. */
export async function enrollOverApi(
  coord: CoordinatorProc,
  siteId: string,
): Promise<{ siteId: string; secret: string }> {
  const res = await fetch(`${coord.http}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: await issueCode(coord), name: siteId, siteId, lat: 50, lon: 8 }),
  });
  if (res.status !== 201) throw new Error(`enroll: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as { siteId: string; secret: string };
}

export interface AgentProc {
  proc: Proc;
  siteId: string;
  secret: string;
  dataDir: string;
}

/** `edgefleet-agent` from this checkout's TypeScript sources. */
const fromSource = (args: string[]): Proc => runTs('agent/src/cli.ts', args);

/**
 * Enrolls with `edgefleet-agent enroll` and starts `edgefleet-agent run` as a real process; `launch`
 * runs another build of it (the compiled agent/dist/cli.js under plain node: the footprint bench).
 */
export async function startAgentProcess(
  coord: CoordinatorProc,
  name: string,
  settings: Record<string, unknown> = {},
  launch: (args: string[]) => Proc = fromSource,
): Promise<AgentProc> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ef-agent-'));
  const enroll = launch([
    'enroll',
    '--coordinator',
    coord.http,
    '--code',
    await issueCode(coord),
    '--name',
    name,
    '--lat',
    '50.1',
    '--lon',
    '8.7',
    '--region',
    'eu-central',
    '--data-dir',
    dataDir,
  ]);
  if ((await enroll.exited) !== 0) throw new Error(`enroll failed:\n${enroll.output()}`);
  const creds = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as {
    siteId: string;
    secret: string;
  };
  const cfg = join(dataDir, 'settings.json');
  writeFileSync(
    cfg,
    JSON.stringify({
      models: ['llama-3-8b'],
      hook: { name: 'fake', options: { accelerators: [{ profile: 'h100-80gb-sxm', count: 2 }] } },
      backend: { kind: 'simulated', latencyMs: 5, jitterMs: 0, outputTokens: 4 },
      telemetryIntervalMs: 200,
      hostMetrics: false,
      pops: [{ id: 'pop-fra', simulatedRttMs: 1.5 }],
      ...settings,
    }),
  );
  const proc = launch(['run', '--data-dir', dataDir, '--config', cfg]);
  await proc.waitFor(/agent \S+ running/, 180_000); // generous: a loaded shared box starts slowly
  return { proc, siteId: creds.siteId, secret: creds.secret, dataDir };
}
