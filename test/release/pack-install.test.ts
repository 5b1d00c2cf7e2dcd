import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { installRelease, tarballFiles, type InstalledRelease } from './release.test-support.js';

const PACKAGES = ['common', 'proto', 'firmware-hooks', 'agent', 'coordinator', 'client'];

/**
 * The release as a user gets it: every package built to dist/, packed with `npm pack`, installed
 * from the tarballs and the registry alone into an empty prefix outside the checkout, and run
 * from compiled JavaScript (no tsx in the prefix, no src/ in the packages).
 */
describe('release: pack, install into an empty prefix, run from compiled JavaScript', () => {
  let rel: InstalledRelease;
  let coord: CoordinatorProc | undefined;

  beforeAll(async () => {
    rel = await installRelease(['agent', 'coordinator', 'client']);
  }, 900_000);

  afterAll(async () => {
    await coord?.proc.kill();
  });

  it('each tarball ships dist/ with types and its run-time assets, and no sources, tests or fixtures', async () => {
    const files = new Map<string, string[]>();
    for (const p of PACKAGES)
      files.set(p, await tarballFiles(join(rel.tarballs, `edgefleet-${p}-0.1.0.tgz`)));
    for (const [p, list] of files) {
      expect(list, p).toContain('package/package.json');
      expect(
        list.filter((f) => f.startsWith('package/src/')),
        p,
      ).toEqual([]);
      expect(
        list.filter((f) =>
          /\.(test|test-support|fixture)\.(js|ts)$|\/(testdata|test-support|testing)\//.test(f),
        ),
        p,
      ).toEqual([]);
      expect(
        list.some((f) => /^package\/dist\/.*index\.d\.ts$/.test(f)),
        p,
      ).toBe(true);
    }
    const has = (p: string, f: string) => expect(files.get(p), p).toContain(`package/${f}`);
    has('common', 'launcher.js');
    has('proto', 'dist/generated/edgefleet.js');
    has('proto', 'dist/generated/edgefleet.d.ts');
    has('proto', 'proto/edgefleet/v1/lease.proto');
    has('firmware-hooks', 'dist/hooks/nvidia-smi.hook.js');
    has('coordinator', 'dist/db/migrations/001_ledger.sql');
    has('coordinator', 'dist/noc/dashboard/static/noc.js');
    has('coordinator', 'bin/edgefleet-coordinator.js');
    has('agent', 'bin/edgefleet-agent.js');
    expect(files.get('agent')?.some((f) => f.startsWith('package/models/'))).toBe(true);
    has('client', 'bin/edgefleet.js');
  });

  it('the internal packages resolve from their tarballs (one copy each), and tsx is not installed', () => {
    const nm = join(rel.prefix, 'node_modules');
    for (const p of PACKAGES) {
      const pkg = JSON.parse(readFileSync(join(nm, '@edgefleet', p, 'package.json'), 'utf8')) as {
        version: string;
        _resolved?: string;
      };
      expect(pkg.version, p).toBe('0.1.0');
      expect(existsSync(join(nm, '@edgefleet', p, 'src')), p).toBe(false);
      // No nested copy fetched from elsewhere: every dependent uses the top-level one.
      for (const q of PACKAGES)
        expect(existsSync(join(nm, '@edgefleet', q, 'node_modules', '@edgefleet')), q).toBe(false);
    }
    expect(existsSync(join(nm, 'tsx'))).toBe(false);
    expect(readFileSync(join(rel.prefix, '.npmrc'), 'utf8')).toContain(
      'onnxruntime-node-install=skip',
    );
    expect(readdirSync(join(rel.prefix, 'bin'))).toEqual(
      expect.arrayContaining(['edgefleet', 'edgefleet-agent', 'edgefleet-coordinator']),
    );
  });

  it('edgefleet --version and edgefleet-agent --version answer from the installed prefix', async () => {
    const cli = rel.bin('edgefleet', ['--version']);
    expect(await cli.exited, cli.output()).toBe(0);
    expect(cli.output().trim()).toBe('edgefleet 0.1.0');
    const agent = rel.bin('edgefleet-agent', ['--version']);
    expect(await agent.exited, agent.output()).toBe(0);
    expect(agent.output().trim()).toBe('edgefleet-agent 0.1.0');
    const coordinator = rel.bin('edgefleet-coordinator', ['--version']);
    expect(await coordinator.exited, coordinator.output()).toBe(0);
    expect(coordinator.output().trim()).toBe('edgefleet-coordinator 0.1.0');
  }, 120_000);

  it('edgefleet-coordinator starts on PGlite with ephemeral ports: /readyz, the NOC page and its assets', async () => {
    coord = await startCoordinatorProcess(
      {},
      mkdtempSync(join(rel.outside, 'coordinator-')),
      (args) => rel.bin('edgefleet-coordinator', args),
    );
    expect(coord.proc.output()).toMatch(/ledger\s+pglite/);
    const ready = await fetch(`${coord.http}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'pass' });
    expect((await fetch(`${coord.http}/livez`)).status).toBe(200);
    const noc = await fetch(`${coord.http}/static/noc.js`);
    expect(noc.status).toBe(200);
    expect((await noc.text()).length).toBeGreaterThan(1000);
    const basemap = await fetch(`${coord.http}/static/basemap.json`);
    expect(basemap.status).toBe(200);
  }, 300_000);

  it('an installed agent enrolls with the installed coordinator and its doctor passes', async () => {
    if (!coord) throw new Error('the coordinator did not start (previous test)');
    const codes = await coord.api<{ codes: { code: string }[] }>(
      'POST',
      '/api/v1/enrollment-codes',
      { count: 1 },
    );
    const dataDir = mkdtempSync(join(rel.outside, 'site-'));
    const enroll = rel.bin('edgefleet-agent', [
      'enroll',
      '--coordinator',
      coord.http,
      '--code',
      codes.body.codes[0]?.code ?? '',
      '--name',
      'Release Site',
      '--lat',
      '48.1',
      '--lon',
      '11.6',
      '--data-dir',
      dataDir,
    ]);
    expect(await enroll.exited, enroll.output()).toBe(0);
    const doctor = rel.bin('edgefleet-agent', ['doctor', '--data-dir', dataDir]);
    expect(await doctor.exited, doctor.output()).toBe(0);
    expect(doctor.output()).toMatch(/^PASS\s+MQTT auth/m);
    const sites = rel.bin('edgefleet', ['sites', '--api', coord.http, '--token', coord.adminToken]);
    expect(await sites.exited, sites.output()).toBe(0);
    expect(sites.output()).toContain('Release Site');
  }, 180_000);
});
