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

function deepMerge(a: unknown, b: unknown): unknown {
  if (b === null || typeof b !== 'object' || Array.isArray(b)) return b;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b)) out[k] = deepMerge(out[k], v);
  return out;
}

/** The chart rendered as `helm template ef --namespace edge` would, with `overrides` over values.yaml. */
function renderChart(overrides: Record<string, unknown> = {}): K8s[] {
  const chart = parseYaml(readFileSync(join(CHART, 'Chart.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
  const values = deepMerge(parseYaml(readFileSync(join(CHART, 'values.yaml'), 'utf8')), overrides);
  const ctx = {
    Values: values,
    Release: { Name: 'ef', Namespace: 'edge' },
    Chart: { Name: chart.name, AppVersion: chart.appVersion, Version: chart.version },
    Files: (path: string) => readFileSync(join(CHART, path), 'utf8'),
  };
  return readdirSync(join(CHART, 'templates'))
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => {
      const docs = parseAllDocuments(
        renderHelm(readFileSync(join(CHART, 'templates', f), 'utf8'), ctx),
      );
      for (const d of docs) expect(d.errors, f).toEqual([]);
      return docs.map((d) => d.toJS() as K8s | null).filter((d): d is K8s => d !== null);
    });
}

type Container = {
  ports: { name: string; containerPort: number }[];
  resources: { requests: Record<string, unknown>; limits: Record<string, unknown> };
  readinessProbe: { httpGet: { path: string; port: string } };
  livenessProbe: { httpGet: { path: string; port: string } };
  startupProbe: { httpGet: { path: string; port: string } };
  env: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } };
  }[];
  envFrom: { configMapRef: { name: string } }[];
  securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean };
  volumeMounts: { name: string; mountPath: string }[];
};
type StatefulSet = K8s & {
  spec: {
    replicas: number;
    serviceName: string;
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        securityContext: { runAsNonRoot: boolean };
        containers: Container[];
        volumes: { name: string; secret?: { secretName: string } }[];
      };
    };
  };
};

function statefulSet(docs: K8s[]): { sts: StatefulSet; c: Container } {
  const sts = docs.find((d) => d.kind === 'StatefulSet') as StatefulSet;
  return { sts, c: sts.spec.template.spec.containers[0] as Container };
}

/** The pod's environment as the kubelet makes it: ConfigMap, then env with $(VAR) expanded and secrets filled in. */
function podEnv(docs: K8s[], podName: string): Record<string, string> {
  const { c } = statefulSet(docs);
  const env: Record<string, string> = {
    ...(docs.find((d) => d.kind === 'ConfigMap')?.data ?? {}),
  };
  const secrets: Record<string, string> = {
    'database-url': 'postgres://u:p@db:5432/edgefleet',
    'mqtt-url': 'mqtt://c:p@mqtt:1883',
    'auth-tokens': '[{"token":"0123456789abcdef0123","role":"admin"}]',
  };
  for (const e of c.env) {
    if (e.valueFrom?.fieldRef) {
      expect(e.valueFrom.fieldRef.fieldPath).toBe('metadata.name');
      env[e.name] = podName;
    } else if (e.valueFrom?.secretKeyRef) env[e.name] = secrets[e.valueFrom.secretKeyRef.key] ?? '';
    else env[e.name] = (e.value ?? '').replace(/\$\((\w+)\)/g, (_m, v: string) => env[v] ?? '');
  }
  return env;
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
    expect(renderChart().length).toBe(5);
    expect(renderChart({ serviceMonitor: { enabled: true }, tls: { enabled: true } }).length).toBe(
      6,
    );
    expect(renderChart({ prometheusRule: { enabled: true } }).length).toBe(6);
  });

  it('the Helm chart renders a hardened coordinator StatefulSet (≥2 replicas, probes, resources), api + headless Services, ConfigMap and PDB', () => {
    const docs = renderChart();
    expect(docs.map((d) => `${d.kind} ${d.metadata.name}`).sort()).toEqual([
      'ConfigMap ef-coordinator',
      'PodDisruptionBudget ef-coordinator',
      'Service ef-coordinator',
      'Service ef-coordinator-headless',
      'StatefulSet ef-coordinator',
    ]);
    for (const d of docs) expect(d.apiVersion, d.kind).toBeTruthy();
    const { sts, c } = statefulSet(docs);
    const pod = sts.spec.template.spec;
    expect(sts.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(sts.spec.template.metadata.labels).toMatchObject(sts.spec.selector.matchLabels);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    // Liveness never checks a dependency; readiness checks them all.
    expect(c.livenessProbe.httpGet).toEqual({ path: '/livez', port: 'http' });
    expect(c.startupProbe.httpGet).toEqual({ path: '/livez', port: 'http' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
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
    const cm = docs.find((d) => d.kind === 'ConfigMap');
    expect(c.envFrom[0]?.configMapRef.name).toBe(cm?.metadata.name);

    const services = docs.filter((d) => d.kind === 'Service') as (K8s & {
      spec: {
        clusterIP?: string;
        publishNotReadyAddresses?: boolean;
        selector: Record<string, string>;
        ports: { targetPort: string }[];
      };
    })[];
    for (const svc of services) {
      expect(sts.spec.template.metadata.labels).toMatchObject(svc.spec.selector);
      for (const p of svc.spec.ports) expect(c.ports.map((x) => x.name)).toContain(p.targetPort);
    }
    // The headless Service governs the StatefulSet: one DNS name per pod, ready or not.
    const headless = services.find((s) => s.spec.clusterIP === 'None');
    expect(headless?.metadata.name).toBe(sts.spec.serviceName);
    expect(headless?.spec.publishNotReadyAddresses).toBe(true);
    const pdb = docs.find((d) => d.kind === 'PodDisruptionBudget') as K8s & {
      spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } };
    };
    expect(pdb.spec.selector.matchLabels).toEqual(sts.spec.selector.matchLabels);
    expect(pdb.spec.minAvailable).toBeLessThan(sts.spec.replicas);

    // Each pod's environment is a valid coordinator configuration advertising its own address.
    for (const i of [0, 1]) {
      const cfg = loadCoordinatorConfig({ env: podEnv(docs, `ef-coordinator-${i}`) });
      expect(cfg).toMatchObject({
        dataDir: '/data',
        databaseUrl: 'postgres://u:p@db:5432/edgefleet',
        http: { host: '0.0.0.0', port: 8080 },
        grpc: {
          host: '0.0.0.0',
          port: 50051,
          advertise: `ef-coordinator-${i}.ef-coordinator-headless.edge.svc.cluster.local:50051`,
          tls: { mode: 'off' },
        },
        mqtt: {
          url: 'mqtt://c:p@mqtt:1883',
          sharedGroup: 'edgefleet-coordinators',
          clientId: `edgefleet-ef-coordinator-${i}`,
        },
        health: { checkTimeoutMs: 2000 },
      });
    }
  });

  it('values switch the per-pod domain, gRPC TLS (operator PKI Secret) and the ServiceMonitor', () => {
    const docs = renderChart({
      advertise: { domain: 'coord.example.net' },
      tls: { enabled: true, mode: 'mtls', secretName: 'ef-tls' },
      serviceMonitor: { enabled: true, interval: '15s' },
    });
    const { sts, c } = statefulSet(docs);
    const cfg = loadCoordinatorConfig({ env: podEnv(docs, 'ef-coordinator-2') });
    expect(cfg.grpc.advertise).toBe('ef-coordinator-2.coord.example.net:50051');
    expect(cfg.grpc.tls).toMatchObject({
      mode: 'mtls',
      certFile: '/tls/tls.crt',
      keyFile: '/tls/tls.key',
      caFile: '/tls/ca.crt',
      clientCaFile: '/tls/client-ca.crt',
      clientCaKeyFile: '/tls/client-ca.key',
    });
    const tlsMount = c.volumeMounts.find((m) => m.mountPath === '/tls');
    expect(tlsMount).toBeDefined();
    expect(
      sts.spec.template.spec.volumes.find((v) => v.name === tlsMount?.name)?.secret?.secretName,
    ).toBe('ef-tls');

    const sm = docs.find((d) => d.kind === 'ServiceMonitor') as K8s & {
      spec: {
        selector: { matchLabels: Record<string, string> };
        endpoints: { port: string; path: string; interval: string }[];
      };
    };
    expect(sm.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(sm.spec.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '15s' }]);
    // It selects exactly one Service (each pod scraped once), one with the port it names.
    const selected = docs.filter(
      (d) =>
        d.kind === 'Service' &&
        Object.entries(sm.spec.selector.matchLabels).every(
          ([k, v]) => d.metadata.labels?.[k] === v,
        ),
    ) as (K8s & { spec: { ports: { name: string }[] } })[];
    expect(selected.map((d) => d.metadata.name)).toEqual(['ef-coordinator']);
    expect(selected[0]?.spec.ports.map((p) => p.name)).toContain('http');

    // Off by default: no ServiceMonitor, no TLS settings or mount.
    const plain = renderChart();
    expect(plain.some((d) => d.kind === 'ServiceMonitor')).toBe(false);
    expect(statefulSet(plain).c.volumeMounts.some((m) => m.mountPath === '/tls')).toBe(false);
    expect(
      Object.keys(plain.find((d) => d.kind === 'ConfigMap')?.data ?? {}).some((k) =>
        k.includes('TLS'),
      ),
    ).toBe(false);
  });

  it('the chart ships the alert rules of deploy/prometheus as a PrometheusRule, unchanged', () => {
    const rule = renderChart({ prometheusRule: { enabled: true } }).find(
      (d) => d.kind === 'PrometheusRule',
    ) as K8s & { spec: { groups: { rules: { alert: string }[] }[] } };
    expect(rule.metadata.name).toBe('ef-coordinator');
    const file = parseYaml(
      readFileSync(join(DEPLOY, 'prometheus/edgefleet-alerts.yaml'), 'utf8'),
    ) as { groups: unknown[] };
    expect(rule.spec).toEqual(file);
    expect(rule.spec.groups.flatMap((g) => g.rules.map((r) => r.alert))).toContain(
      'EdgefleetSiteOffline',
    );
  });

  it('where helm is installed, `helm template` renders the same manifests as this renderer', () => {
    if (spawnSync('helm', ['version']).error) return; // the binary is missing on this machine: nothing to run
    for (const set of [
      [],
      [
        'advertise.domain=c.example.net',
        'tls.enabled=true',
        'serviceMonitor.enabled=true',
        'prometheusRule.enabled=true',
      ],
    ]) {
      const r = spawnSync(
        'helm',
        ['template', 'ef', CHART, '--namespace', 'edge', ...set.flatMap((x) => ['--set', x])],
        { encoding: 'utf8' },
      );
      expect(r.status, r.stderr).toBe(0);
      const byHelm = parseAllDocuments(r.stdout)
        .map((d) => d.toJS() as K8s | null)
        .filter((d): d is K8s => d !== null);
      const overrides = {
        ...(set.length
          ? {
              advertise: { domain: 'c.example.net' },
              tls: { enabled: true },
              serviceMonitor: { enabled: true },
              prometheusRule: { enabled: true },
            }
          : {}),
      };
      const key = (d: K8s) => `${d.kind} ${d.metadata.name}`;
      const sort = (ds: K8s[]) => [...ds].sort((x, y) => key(x).localeCompare(key(y)));
      expect(sort(byHelm)).toEqual(sort(renderChart(overrides)));
    }
  });

  it('the renderer does what Helm does for the syntax the chart uses, and refuses the rest', () => {
    const ctx = (Values: unknown) => ({
      Values,
      Release: { Name: 'r', Namespace: 'ns' },
      Chart: {},
    });
    expect(renderHelm('a: {{ .Values.n | quote }}', ctx({ n: 3 }))).toBe('a: "3"');
    expect(renderHelm('{{ .Release.Name }}.{{ .Release.Namespace }}', ctx({}))).toBe('r.ns');
    // {{- and -}} trim the whitespace, newlines included, before and after the tag.
    expect(renderHelm('a:\n  {{- .Values.x -}}  \nb', ctx({ x: 1 }))).toBe('a:1b');
    const t = 'k:\n{{- if .Values.on }}\n  y: 1\n{{- else }}\n  n: 1\n{{- end }}\nz: 2\n';
    expect(renderHelm(t, ctx({ on: true }))).toBe('k:\n  y: 1\nz: 2\n');
    expect(renderHelm(t, ctx({ on: false }))).toBe('k:\n  n: 1\nz: 2\n');
    // Helm's truthiness: "", 0, an empty map or list are false.
    for (const on of ['', 0, {}, []]) expect(renderHelm(t, ctx({ on }))).toContain('n: 1');
    for (const on of ['x', 1, { a: 1 }, [0]]) expect(renderHelm(t, ctx({ on }))).toContain('y: 1');
    // .Files.Get piped to indent: every line of the chart file indented, the file not templated.
    expect(
      renderHelm('spec:\n{{ .Files.Get "f.yaml" | indent 2 }}\n', {
        ...ctx({}),
        Files: (p: string) => (p === 'f.yaml' ? 'a: {{ $x }}\nb: 1\n' : ''),
      }),
    ).toBe('spec:\n  a: {{ $x }}\n  b: 1\n');
    expect(() => renderHelm('{{ .Files.Get "f" | indent 2 }}', ctx({}))).toThrow(
      UnsupportedTemplateError,
    );
    const nested = '{{ if .Values.a }}A{{ if .Values.b }}B{{ else }}b{{ end }}{{ end }}';
    expect(renderHelm(nested, ctx({ a: true, b: false }))).toBe('Ab');
    expect(renderHelm(nested, ctx({ a: false, b: true }))).toBe('');

    for (const [tpl, re] of [
      ['{{ range .Values.x }}{{ end }}', /unsupported template expression/],
      ['{{ include "x" . }}', /unsupported/],
      ['{{ .Values.x | default 1 }}', /unsupported/],
      ['{{ if not .Values.x }}{{ end }}', /unsupported/],
      ['{{ if .Values.x }}', /without \{\{ end \}\}/],
      ['{{ end }}', /without \{\{ if \}\}/],
      ['{{ else }}', /without \{\{ if \}\}/],
      ['{{ .Values.nope }}', /not a declared value/],
      ['{{ if .Values.nope }}{{ end }}', /not a declared value/],
      ['{{ .Values.m }}', /not a scalar/],
    ] as const)
      expect(() => renderHelm(tpl, ctx({ x: [1], m: { a: 1 } })), tpl).toThrow(re);
    expect(() => renderHelm('{{ if .Values.x }}', ctx({ x: 1 }))).toThrow(UnsupportedTemplateError);
  });

  it('the Grafana dashboard queries only metrics the coordinator and agent export', () => {
    const dash = JSON.parse(readFileSync(join(DEPLOY, 'grafana/edgefleet-fleet.json'), 'utf8')) as {
      uid: string;
      panels: { title: string; targets: { expr: string }[] }[];
    };
    expect(dash.uid).toBeTruthy();
    const exported = new Set<string>();
    for (const src of [
      'coordinator/src/metrics.ts',
      'coordinator/src/spot-checks/metrics.ts',
      'agent/src/agent-metrics.ts',
    ]) {
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

  it("the agent unit's NODE_OPTIONS is accepted by node and caps the young generation", () => {
    const text = readFileSync(join(DEPLOY, 'systemd', 'edgefleet-agent.service'), 'utf8');
    const env = text.split('\n').find((l) => l.startsWith('Environment='));
    const nodeOptions = /NODE_OPTIONS=(\S+)/.exec(env ?? '')?.[1];
    expect(nodeOptions).toBe('--max-semi-space-size=1');
    // Short-lived garbage grows the new space to tens of MiB without the cap (a node refuses an
    // option NODE_OPTIONS may not carry: status 9).
    const probe = `const v8 = require('v8'); let k = [];
      for (let i = 0; i < 3e6; i++) { k.push({ i }); if (k.length > 2e5) k = []; }
      console.log(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);`;
    const run = (opts: string | undefined) => {
      const r = spawnSync(process.execPath, ['-e', probe], {
        env: { ...process.env, NODE_OPTIONS: opts ?? '' },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      return Number(r.stdout.trim());
    };
    const capped = run(nodeOptions);
    expect(capped).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(run(undefined)).toBeGreaterThan(capped);
  });

  it('the agent unit caps glibc malloc arenas (MALLOC_ARENA_MAX), the coordinator unit does not', () => {
    const envOf = (unit: string) =>
      readFileSync(join(DEPLOY, 'systemd', unit), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('Environment='))
        .join(' ');
    expect(
      /(?:^|\s)MALLOC_ARENA_MAX=(\d+)(?:\s|$)/.exec(envOf('edgefleet-agent.service'))?.[1],
    ).toBe('2');
    expect(envOf('edgefleet-coordinator.service')).not.toContain('MALLOC_ARENA_MAX');
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
