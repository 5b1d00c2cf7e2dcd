import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { eventually, ROOT, runProcess, type Proc } from '../support/processes.js';
import { packRelease } from './release.test-support.js';

const INSTALL_SITE = join(ROOT, 'deploy/install-site.sh');
const hasSystemdAnalyze = !spawnSync('systemd-analyze', ['--version']).error;

/** The [Service] settings of a unit file that the test needs (ExecStart, Environment). */
function unitSettings(text: string): Map<string, string[]> {
  const kv = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (m) kv.set(m[1] as string, [...(kv.get(m[1] as string) ?? []), m[2] as string]);
  }
  return kv;
}

/**
 * deploy/install-site.sh as shipped, against a live coordinator, in a temporary root
 * (EDGEFLEET_ROOT: /etc, /var/lib, /opt, /usr/bin and the systemd unit directory under it, no root
 * needed): it installs the agent from the release tarballs, enrolls with a one-time code, runs
 * doctor and writes the unit; the unit passes `systemd-analyze verify`, and the agent started the
 * way the unit starts it (its ExecStart and Environment) brings the site online.
 */
describe('site install: install-site.sh from the release tarballs to an enrolled, connected site', () => {
  let coord: CoordinatorProc;
  let root: string;
  let install: Proc;
  let agent: Proc | undefined;

  beforeAll(async () => {
    const [release, started] = await Promise.all([packRelease(), startCoordinatorProcess()]);
    coord = started;
    root = join(release.base, 'root');
    mkdirSync(root);
    const codes = await coord.api<{ codes: { code: string }[] }>(
      'POST',
      '/api/v1/enrollment-codes',
      { count: 1 },
    );
    install = runProcess(
      'bash',
      [
        INSTALL_SITE,
        '--release',
        release.tarballs,
        '--coordinator',
        coord.http,
        '--code',
        codes.body.codes[0]?.code ?? '',
        '--name',
        'Installed Site',
        '--lat',
        '48.14',
        '--lon',
        '11.58',
        '--region',
        'eu-central',
      ],
      { EDGEFLEET_ROOT: root },
    );
    await install.exited;
  }, 900_000);

  afterAll(async () => {
    await agent?.kill();
    await coord?.proc.kill();
  });

  it('installs, enrolls and passes doctor, and writes the unit and the real-site settings', () => {
    expect(install.child.exitCode, install.output()).toBe(0);
    expect(install.output()).toMatch(/==> doctor/);
    expect(install.output()).toContain('all checks passed');
    expect(install.output()).toMatch(/==> done \(staged\)/);
    const creds = join(root, 'var/lib/edgefleet-agent/credentials.json');
    expect(existsSync(creds)).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'etc/edgefleet/agent.json'), 'utf8'))).toEqual({
      hook: { name: 'auto' },
      backend: { kind: 'onnx' },
    });
    // The agent came from the tarballs into the prefix, linked where the unit expects it.
    expect(existsSync(join(root, 'opt/edgefleet/node_modules/@edgefleet/agent/dist/cli.js'))).toBe(
      true,
    );
    expect(existsSync(join(root, 'opt/edgefleet/node_modules/tsx'))).toBe(false);
  });

  it.skipIf(!hasSystemdAnalyze)('systemd-analyze verify accepts the written unit', () => {
    const unit = join(root, 'etc/systemd/system/edgefleet-agent.service');
    const r = spawnSync('systemd-analyze', ['verify', '--man=no', unit], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/Unknown (key|section)|Failed to parse|Invalid/i);
  });
  if (!hasSystemdAnalyze)
    console.warn('site-install: systemd-analyze is not installed here; the unit is not verified');

  it('the agent, started as the unit starts it, brings the site online', async () => {
    const unit = unitSettings(
      readFileSync(join(root, 'etc/systemd/system/edgefleet-agent.service'), 'utf8'),
    );
    const [cmd, ...args] = (unit.get('ExecStart')?.[0] ?? '').split(/\s+/);
    expect(cmd).toBe(join(root, 'usr/bin/edgefleet-agent'));
    expect(args).toEqual([
      'run',
      '--data-dir',
      join(root, 'var/lib/edgefleet-agent'),
      '--config',
      join(root, 'etc/edgefleet/agent.json'),
    ]);
    // As systemd reads Environment=: space-separated assignments, each split at its first '='.
    const env = Object.fromEntries(
      (unit.get('Environment') ?? [])
        .flatMap((e) => e.split(/\s+/))
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    );
    expect(env).toMatchObject({
      NODE_ENV: 'production',
      NODE_OPTIONS: '--max-semi-space-size=1',
    });
    agent = runProcess(cmd as string, args, env, root);
    const m = await agent.waitFor(/agent (\S+) running/, 180_000);
    const site = await eventually(
      () => coord.api<{ state?: string }>('GET', `/api/v1/sites/${m[1]}`),
      (r) => r.status === 200 && r.body.state === 'online',
      60_000,
    );
    expect(site.body.state).toBe('online');
  }, 300_000);
});
