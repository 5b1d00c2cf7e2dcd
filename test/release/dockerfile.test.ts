import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/processes.js';

const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');
const dockerfile = read('deploy/docker/Dockerfile');
const values = parse(read('deploy/helm/edgefleet/values.yaml')) as {
  image: { repository: string; tag: string };
  service: { httpPort: number; grpcPort: number };
};
const chart = parse(read('deploy/helm/edgefleet/Chart.yaml')) as { appVersion: string };
const statefulset = read('deploy/helm/edgefleet/templates/statefulset.yaml');
const configmap = read('deploy/helm/edgefleet/templates/configmap.yaml');
const coordinatorVersion = (JSON.parse(read('coordinator/package.json')) as { version: string })
  .version;

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(text: string): { op: string; args: string }[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op = '', ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}
const steps = instructions(dockerfile);
const runs = steps.filter((s) => s.op === 'RUN').map((s) => s.args);

/**
 * Docker is not run here (no daemon on the CI and dev machines): this holds the coordinator image's
 * Dockerfile to the release script the pack-and-install test runs, and to the Helm chart that
 * runs the image.
 */
describe('the coordinator image (deploy/docker/Dockerfile)', () => {
  it('builds the release with scripts/pack-release.sh, the pack-and-install test’s script', () => {
    const support = read('test/release/release.test-support.ts');
    expect(support).toContain("join(ROOT, 'scripts/pack-release.sh')");
    expect(runs.join('\n')).toMatch(/bash scripts\/pack-release\.sh pack \/release(\s|$)/);
    expect(runs.join('\n')).toMatch(
      /bash scripts\/pack-release\.sh install \/release \/opt\/edgefleet coordinator( client)?(\s|$)/,
    );
    // The subcommands it calls are the ones the script has.
    const script = read('scripts/pack-release.sh');
    expect(script).toMatch(/^\s+pack\) shift; pack "\$@" ;;$/m);
    expect(script).toMatch(/^\s+install\) shift; install_release "\$@" ;;$/m);
    // The build runs from a clean install of the lockfile, never from a copied node_modules.
    expect(runs[0]).toMatch(/^npm ci\b/);
    expect(read('deploy/docker/Dockerfile.dockerignore')).toMatch(/^\*\*\/node_modules$/m);
    expect(read('deploy/docker/Dockerfile.dockerignore')).toMatch(/^\*\*\/dist$/m);
  });

  it('runs edgefleet-coordinator from the installed prefix as a non-root user, as the chart expects', () => {
    const final = steps.slice(steps.map((s) => s.op).lastIndexOf('FROM'));
    expect(final.find((s) => s.op === 'COPY')?.args).toBe(
      '--from=release /opt/edgefleet /opt/edgefleet',
    );
    expect(final.find((s) => s.op === 'ENTRYPOINT')?.args).toBe('["edgefleet-coordinator"]');
    expect(final.find((s) => s.op === 'CMD')?.args).toBe('["run"]');
    expect(statefulset).toMatch(/args: \["run"\]/);
    expect(final.find((s) => s.op === 'ENV')?.args).toContain('PATH=/opt/edgefleet/bin:$PATH');
    const user = final.find((s) => s.op === 'USER')?.args;
    expect(user).toBe('10001:10001');
    expect(statefulset).toMatch(/runAsUser: 10001\n\s+runAsGroup: 10001/);
    // The data directory the chart mounts and configures.
    expect(final.find((s) => s.op === 'ENV')?.args).toContain(
      'EDGEFLEET_COORDINATOR_DATA_DIR=/data',
    );
    expect(configmap).toMatch(/EDGEFLEET_COORDINATOR_DATA_DIR: \/data/);
    expect(statefulset).toMatch(/mountPath: \/data\n/);
  });

  it('exposes the chart’s ports and checks its health on /livez', () => {
    const expose = steps.find((s) => s.op === 'EXPOSE')?.args.split(/\s+/) ?? [];
    expect(expose).toEqual(
      expect.arrayContaining([String(values.service.httpPort), String(values.service.grpcPort)]),
    );
    const health = steps.find((s) => s.op === 'HEALTHCHECK')?.args ?? '';
    expect(health).toContain('/livez');
    expect(health).toContain('EDGEFLEET_COORDINATOR_HTTP__PORT||8080');
    expect(statefulset).toMatch(/path: \/livez/);
  });

  it('is the image the chart names, at the coordinator package’s version', () => {
    expect(values.image.repository).toBe('ghcr.io/edgefleet/coordinator');
    expect(values.image.tag).toBe(coordinatorVersion);
    expect(chart.appVersion).toBe(coordinatorVersion);
    expect(dockerfile).toContain(
      `docker build -f deploy/docker/Dockerfile -t ${values.image.repository}:${values.image.tag} .`,
    );
  });
});
