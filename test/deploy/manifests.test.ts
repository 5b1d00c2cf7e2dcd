import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { loadCoordinatorConfig } from '@edgefleet/coordinator';
import { ROOT } from '../support/processes.js';
import { renderHelm, UnsupportedTemplateError } from './helm-render.js';

const DEPLOY = join(ROOT, 'deploy');
const CHART = join(DEPLOY, 'helm/edgefleet');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

type K8s = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
};

function renderChart(overrides: Record<string, unknown> = {}): K8s[] {
  const chart = parseYaml(readFileSync(join(CHART, 'Chart.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
  const values = {
    ...(parseYaml(readFileSync(join(CHART, 'values.yaml'), 'utf8')) as Record<string, unknown>),
    ...overrides,
  };
  const ctx = {
    Values: values,
    Release: { Name: 'ef' },
    Chart: { Name: chart.name, AppVersion: chart.appVersion, Version: chart.version },
  };
  return readdirSync(join(CHART, 'templates'))
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => {
      const docs = parseAllDocuments(
        renderHelm(readFileSync(join(CHART, 'templates', f), 'utf8'), ctx),
      );
      for (const d of docs) expect(d.errors, f).toEqual([]);
      return docs.map((d) => d.toJS() as K8s);
    });
}

describe('deploy/ manifests', () => {
  it('every YAML and JSON file under deploy/ parses (Helm templates after rendering)', () => {
    const files = walk(DEPLOY).filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const rel = relative(DEPLOY, f);
      if (rel.startsWith('helm/edgefleet/templates/')) continue; // rendered below
      const text = readFileSync(f, 'utf8');
      if (f.endsWith('.json')) expect(() => JSON.parse(text), rel).not.toThrow();
      else for (const d of parseAllDocuments(text)) expect(d.errors, rel).toEqual([]);
    }
    expect(renderChart().length).toBe(4);
  });

  it('the Helm chart renders a hardened coordinator Deployment (≥2 replicas, probes, resources), Service, ConfigMap and PDB', () => {
    const docs = renderChart();
    const byKind = Object.fromEntries(docs.map((d) => [d.kind, d]));
    expect(Object.keys(byKind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'PodDisruptionBudget',
      'Service',
    ]);
    for (const d of docs) {
      expect(d.apiVersion, d.kind).toBeTruthy();
      expect(d.metadata.name, d.kind).toBe('ef-coordinator');
    }
    const dep = byKind.Deployment as K8s & {
      spec: {
        replicas: number;
        selector: { matchLabels: Record<string, string> };
        template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> };
      };
    };
    expect(dep.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(dep.spec.template.metadata.labels).toMatchObject(dep.spec.selector.matchLabels);
    const pod = dep.spec.template.spec as {
      securityContext: { runAsNonRoot: boolean };
      containers: Record<string, unknown>[];
      volumes: { name: string }[];
    };
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    const c = pod.containers[0] as {
      ports: { name: string; containerPort: number }[];
      resources: { requests: Record<string, unknown>; limits: Record<string, unknown> };
      readinessProbe: { httpGet: { path: string; port: string } };
      livenessProbe: { httpGet: { path: string; port: string } };
      startupProbe: { httpGet: { path: string } };
      env: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
      envFrom: { configMapRef: { name: string } }[];
      securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean };
      volumeMounts: { name: string }[];
    };
    for (const probe of [c.readinessProbe, c.livenessProbe])
      expect(probe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(c.startupProbe.httpGet.path).toBe('/healthz');
    expect(
      c.resources.requests.cpu &&
        c.resources.requests.memory &&
        c.resources.limits.cpu &&
        c.resources.limits.memory,
    ).toBeTruthy();
    expect(c.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(c.ports.map((p) => p.name).sort()).toEqual(['grpc', 'http']);
    for (const m of c.volumeMounts) expect(pod.volumes.map((v) => v.name)).toContain(m.name);
    const secretEnv = Object.fromEntries(
      c.env
        .filter((e) => e.valueFrom?.secretKeyRef)
        .map((e) => [e.name, e.valueFrom?.secretKeyRef?.name]),
    );
    expect(secretEnv).toEqual({
      EDGEFLEET_COORDINATOR_DATABASE_URL: 'edgefleet-coordinator',
      EDGEFLEET_COORDINATOR_MQTT__URL: 'edgefleet-coordinator',
      EDGEFLEET_COORDINATOR_AUTH__TOKENS: 'edgefleet-coordinator',
    });
    expect(c.envFrom[0]?.configMapRef.name).toBe(byKind.ConfigMap?.metadata.name);

    const svc = byKind.Service as K8s & {
      spec: { selector: Record<string, string>; ports: { targetPort: string }[] };
    };
    expect(dep.spec.template.metadata.labels).toMatchObject(svc.spec.selector);
    for (const p of svc.spec.ports) expect(c.ports.map((x) => x.name)).toContain(p.targetPort);
    const pdb = byKind.PodDisruptionBudget as K8s & {
      spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } };
    };
    expect(pdb.spec.selector.matchLabels).toEqual(dep.spec.selector.matchLabels);
    expect(pdb.spec.minAvailable).toBeLessThan(dep.spec.replicas);

    // The environment the pod gets is a valid coordinator configuration with the intended values.
    const env: Record<string, string> = { ...(byKind.ConfigMap?.data ?? {}) };
    env.EDGEFLEET_COORDINATOR_DATABASE_URL = 'postgres://u:p@db:5432/edgefleet';
    env.EDGEFLEET_COORDINATOR_MQTT__URL = 'mqtt://c:p@mqtt:1883';
    env.EDGEFLEET_COORDINATOR_AUTH__TOKENS = '[{"token":"0123456789abcdef0123","role":"admin"}]';
    const cfg = loadCoordinatorConfig({ env });
    expect(cfg).toMatchObject({
      dataDir: '/data',
      databaseUrl: 'postgres://u:p@db:5432/edgefleet',
      http: { host: '0.0.0.0', port: 8080 },
      grpc: { host: '0.0.0.0', port: 50051, advertise: 'edgefleet.example.net:50051' },
      mqtt: { url: 'mqtt://c:p@mqtt:1883', sharedGroup: 'edgefleet-coordinators' },
    });
  });

  it('the renderer refuses template syntax it does not implement and missing values', () => {
    expect(() =>
      renderHelm('{{ if .Values.x }}', { Values: {}, Release: { Name: 'r' }, Chart: {} }),
    ).toThrow(UnsupportedTemplateError);
    expect(() =>
      renderHelm('{{ .Values.nope }}', { Values: {}, Release: { Name: 'r' }, Chart: {} }),
    ).toThrow(/not a scalar/);
    expect(
      renderHelm('a: {{ .Values.n | quote }}', {
        Values: { n: 3 },
        Release: { Name: 'r' },
        Chart: {},
      }),
    ).toBe('a: "3"');
  });

  it('the Grafana dashboard queries only metrics the coordinator and agent export', () => {
    const dash = JSON.parse(readFileSync(join(DEPLOY, 'grafana/edgefleet-fleet.json'), 'utf8')) as {
      uid: string;
      panels: { title: string; targets: { expr: string }[] }[];
    };
    expect(dash.uid).toBeTruthy();
    const exported = new Set<string>();
    for (const src of ['coordinator/src/metrics.ts', 'agent/src/agent-metrics.ts']) {
      for (const m of readFileSync(join(ROOT, src), 'utf8').matchAll(
        /name: '(edgefleet_[a-z0-9_]+)'/g,
      ))
        exported.add(m[1] as string);
    }
    expect(exported.size).toBeGreaterThan(10);
    const used = new Set<string>();
    for (const p of dash.panels) {
      expect(p.targets.length, p.title).toBeGreaterThan(0);
      for (const t of p.targets)
        for (const m of t.expr.matchAll(/\b(edgefleet_[a-z0-9_]+)/g))
          used.add((m[1] as string).replace(/_(bucket|sum|count)$/, ''));
    }
    for (const name of used) expect(exported, name).toContain(name);
    for (const must of [
      'edgefleet_sites',
      'edgefleet_reconciliation_lag_seconds',
      'edgefleet_reconciliation_discrepancies_total',
      'edgefleet_routing_decision_seconds',
      'edgefleet_agent_outbox_depth',
    ])
      expect(used).toContain(must);
  });

  const units = ['edgefleet-agent.service', 'edgefleet-coordinator.service'];

  it('the systemd units are hardened, Type=notify with a watchdog', () => {
    for (const u of units) {
      const text = readFileSync(join(DEPLOY, 'systemd', u), 'utf8');
      const kv = new Map(
        text
          .split('\n')
          .filter((l) => /^\w+=/.test(l))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      expect(kv.get('Type'), u).toBe('notify');
      expect(kv.get('NotifyAccess'), u).toBe('all');
      expect(Number.parseInt(kv.get('WatchdogSec') ?? '0', 10), u).toBeGreaterThan(0);
      for (const [k, v] of [
        ['NoNewPrivileges', 'yes'],
        ['ProtectSystem', 'strict'],
        ['PrivateTmp', 'yes'],
        ['CapabilityBoundingSet', ''],
        ['SystemCallFilter', '@system-service'],
        ['ProtectHome', 'yes'],
        ['UMask', '0077'],
      ]) {
        expect(kv.get(k as string), `${u} ${k}`).toBe(v);
      }
      expect(kv.get('RestrictAddressFamilies'), u).toMatch(/^AF_UNIX AF_INET AF_INET6/);
      expect(kv.get('ReadWritePaths'), u).toMatch(/^\/var\/lib\/edgefleet-/);
      expect(kv.has('DynamicUser') || kv.has('User'), u).toBe(true);
    }
  });

  it('systemd-analyze verify accepts the units', () => {
    if (spawnSync('systemd-analyze', ['--version']).error) return; // the binary is missing on this machine: nothing to run
    const dir = mkdtempSync(join(tmpdir(), 'ef-units-'));
    for (const u of units) {
      // verify insists the ExecStart binary exists; the package is not installed here.
      writeFileSync(
        join(dir, u),
        readFileSync(join(DEPLOY, 'systemd', u), 'utf8').replace(
          /^ExecStart=\/usr\/bin\/edgefleet-[a-z]+/m,
          'ExecStart=/usr/bin/env',
        ),
      );
    }
    const r = spawnSync(
      'systemd-analyze',
      ['verify', '--man=no', ...units.map((u) => join(dir, u))],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr, 'verify warnings').not.toMatch(
      /Unknown (key|section)|Failed to parse|Invalid/i,
    );
    writeFileSync(join(dir, 'broken.service'), 'not a unit\n[Service]\nExecStart=relative/path\n');
    expect(
      spawnSync('systemd-analyze', ['verify', '--man=no', join(dir, 'broken.service')]).status,
    ).not.toBe(0);
  });

  it('every shell script parses (bash -n)', () => {
    const scripts = [...walk(DEPLOY), ...walk(join(ROOT, 'scripts'))].filter((f) =>
      f.endsWith('.sh'),
    );
    expect(scripts.map((f) => relative(ROOT, f))).toEqual(
      expect.arrayContaining(['deploy/install-site.sh', 'scripts/ensure-chromium.sh']),
    );
    for (const s of scripts) execFileSync('bash', ['-n', s]);
    expect(() =>
      execFileSync('bash', ['-n'], { input: 'if then fi\n', stdio: ['pipe', 'ignore', 'ignore'] }),
    ).toThrow();
  });
});
