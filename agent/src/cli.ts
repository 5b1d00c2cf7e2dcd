import { parseArgs } from 'node:util';
import {
  ConfigError,
  createLogger,
  describeError,
  sdNotify,
  startSystemdNotify,
} from '@edgefleet/common';
import type { MetricsServer } from './metrics-server.js';
import { AGENT_VERSION } from './version.js';

// Each command imports its modules when it runs: --version and the usage load none of the agent
// (ONNX Runtime, gRPC, MQTT), and each command only what it uses.

const USAGE = `edgefleet-agent — the edge site daemon

  edgefleet-agent enroll --coordinator http://HOST:PORT --code EF-XXXX-XXXX-XXXX-XXXX --name NAME --lat LAT --lon LON [--region R] [--data-dir DIR] [--inference-host HOST,HOST]
  edgefleet-agent run    [--data-dir DIR] [--config settings.json]
  edgefleet-agent --version
  edgefleet-agent doctor [--data-dir DIR] [--config settings.json]
  edgefleet-agent tls-renew [--data-dir DIR] [--inference-host HOST,HOST]
                         fetch the coordinator's gRPC CA and a new site certificate with the site secret
--inference-host: the DNS names / IPs vehicles dial for this site's Inference (the host of inference.advertise),
written into the site certificate (gRPC tls/mtls); the SDK checks the site id in it, other clients the host.
  edgefleet-agent rotate-site-key [--data-dir DIR]
                         make a new burn-signing site key and register it with the site secret; a running agent
                         signs unsent burns with it at its next flush, the old key still verifies for the grace window
  edgefleet-agent sim    --sites N --coordinator http://HOST:PORT --token INSTALLER_TOKEN [--data-dir DIR] [--endpoints HOST:PORT,HOST:PORT] [--onnx-sites N]
--onnx-sites: the first N sites run ONNX Runtime on the shipped PaddleOCR models (cls, det); the rest the simulated backend.

Settings: a JSON file (--config), then EDGEFLEET_AGENT_* variables (EDGEFLEET_AGENT_MQTT__URL=…), override the credentials file.
Several coordinator replicas: coordinator.endpoints (EDGEFLEET_AGENT_COORDINATOR__ENDPOINTS=host:port,host:port), one stream to each.`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === '--version' || cmd === '-v') {
    console.log(`edgefleet-agent ${AGENT_VERSION}`);
    return 0;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      coordinator: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      lat: { type: 'string' },
      lon: { type: 'string' },
      region: { type: 'string', default: '' },
      'data-dir': {
        type: 'string',
        default: process.env.EDGEFLEET_AGENT_DATA_DIR ?? './data/agent',
      },
      config: { type: 'string' },
      sites: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean', default: false },
      endpoints: { type: 'string' },
      'inference-host': { type: 'string' },
      'onnx-sites': { type: 'string' },
    },
    allowPositionals: false,
  });
  const dataDir = values['data-dir'] as string;
  const inferenceHosts = (values['inference-host'] ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  switch (cmd) {
    case 'enroll': {
      for (const k of ['coordinator', 'code', 'name', 'lat', 'lon'] as const)
        if (!values[k]) throw new Error(`enroll needs --${k}`);
      const { enroll } = await import('./enroll.js');
      const { writeCredentials } = await import('./credentials.js');
      const creds = await enroll({
        coordinatorHttp: values.coordinator as string,
        code: values.code as string,
        name: values.name as string,
        region: values.region as string,
        lat: Number(values.lat),
        lon: Number(values.lon),
        inferenceHosts,
      });
      const path = writeCredentials(dataDir, creds);
      console.log(`enrolled as site ${creds.siteId}; credentials written to ${path} (mode 0600)`);
      if (creds.siteKeyPem)
        console.log(`site key (signs burn batches) written beside it as site-key.pem (mode 0600)`);
      if (creds.grpcTls)
        console.log(
          `gRPC ${creds.grpcTls.mode === 'mtls' ? 'mTLS' : 'TLS'}: ${creds.grpcTls.certPem ? 'CA, site certificate (EdgeControl, Inference TLS) and key' : 'CA certificate'} written beside it (mode 0600)`,
        );
      console.log(
        `next: edgefleet-agent doctor --data-dir ${dataDir}, then edgefleet-agent run --data-dir ${dataDir}`,
      );
      return 0;
    }
    case 'run': {
      const { credentialOverrides, readCredentials } = await import('./credentials.js');
      const { loadAgentConfig } = await import('./config.js');
      const { startAgent } = await import('./agent.js');
      const { startMetricsServer } = await import('./metrics-server.js');
      const creds = readCredentials(dataDir);
      const cfg = loadAgentConfig({
        file: values.config,
        overrides: credentialOverrides(dataDir, creds),
      });
      const agent = await startAgent(cfg, { log: createLogger(`agent:${cfg.siteId}`) });
      let metricsServer: MetricsServer | undefined;
      if (cfg.metrics.enabled && agent.metrics) {
        metricsServer = await startMetricsServer(agent.metrics, {
          ...cfg.metrics,
          readiness: () => agent.readiness(),
        });
        console.log(`metrics on ${metricsServer.url}`);
      }
      console.log(`agent ${agent.siteId} running; inference on ${agent.inferenceEndpoint}`);
      // READY=1 once Inference gRPC listens; WATCHDOG=1 only while it does (not the broker nor the
      // backend's upstream: a restart would bring neither back and would drop the leases served).
      const stopNotify = startSystemdNotify(async () => (await agent.liveness()).status === 'pass');
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      stopNotify();
      await sdNotify('STOPPING=1');
      await metricsServer?.close();
      await agent.close();
      return 0;
    }
    case 'tls-renew': {
      const { renewGrpcTls } = await import('./enroll.js');
      const creds = await renewGrpcTls(dataDir, 10_000, inferenceHosts);
      const t = creds.grpcTls;
      console.log(
        t
          ? `gRPC ${t.mode}: ${t.certPem ? 'CA, new site certificate (EdgeControl, Inference TLS) and key' : 'CA certificate'} written beside ${dataDir}/credentials.json (mode 0600); restart the agent`
          : 'the coordinator runs gRPC without TLS: this site now does too; restart the agent',
      );
      return 0;
    }
    case 'rotate-site-key': {
      const { rotateSiteKey } = await import('./rotate-site-key.js');
      const r = await rotateSiteKey(dataDir);
      console.log(
        `site ${r.siteId}: new site key registered and written to ${dataDir}/site-key.pem (mode 0600); the previous key verifies burn batches until ${new Date(r.previousKeyValidUntilMs).toISOString()}`,
      );
      return 0;
    }
    case 'doctor': {
      const { runDoctor } = await import('./doctor.js');
      const ok = await runDoctor({
        dataDir,
        configFile: values.config,
        json: values.json as boolean,
      });
      return ok ? 0 : 1;
    }
    case 'sim': {
      if (!values.sites || !values.coordinator || !values.token)
        throw new Error('sim needs --sites, --coordinator and --token');
      const n = Number(values.sites);
      const { startSimFleet } = await import('./sim.js');
      const stopProgress = simProgress(values.coordinator as string, values.token as string, n);
      // --endpoints: every coordinator replica's EdgeControl host:port (each site streams to each).
      const endpoints = values.endpoints
        ? values.endpoints
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : undefined;
      const fleet = await startSimFleet({
        sites: n,
        coordinatorHttp: values.coordinator as string,
        token: values.token as string,
        dataDir,
        ...(endpoints ? { endpoints } : {}),
        ...(values['onnx-sites']
          ? { onnx: { sites: Number(values['onnx-sites']), only: ['ppocr-cls', 'ppocr-det'] } }
          : {}),
      }).finally(stopProgress);
      const onnx = fleet.agents.filter((a) => a.backend.kind === 'onnx').length;
      // "N simulated sites running" is what scripts and tests wait for: keep it first.
      console.log(
        `${fleet.agents.length} simulated sites running${onnx ? ` (${onnx} on ONNX Runtime with real models, ${fleet.agents.length - onnx} on the simulated backend)` : ''}`,
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await fleet.close();
      return 0;
    }
    default:
      console.log(USAGE);
      return cmd === undefined || cmd === 'help' || cmd === '--help' ? 0 : 2;
  }
}

/**
 * Progress while a simulated fleet starts (enrolling and connecting N sites takes a while): every
 * 2 s (and at once), the coordinator's count of online sites on stderr. Only for fleets big enough to wait for.
 */
function simProgress(coordinator: string, token: string, total: number): () => void {
  if (total < 20) return () => undefined;
  const t0 = Date.now();
  const tick = () => {
    fetch(`${coordinator}/api/v1/sites?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(1500),
    })
      .then(async (r) => {
        const counts = ((await r.json()) as { counts?: Record<string, number> }).counts ?? {};
        console.error(
          `sim: starting ${total} sites… coordinator sees ${counts.online ?? 0} online (${Math.round((Date.now() - t0) / 1000)} s)`,
        );
      })
      .catch((err: unknown) => console.error(`sim: progress unavailable: ${describeError(err)}`));
  };
  tick();
  const timer = setInterval(tick, 2000);
  timer.unref();
  return () => clearInterval(timer);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(
      `edgefleet-agent: ${err instanceof ConfigError ? err.message : describeError(err)}`,
    );
    process.exit(1);
  },
);
