import { parseArgs } from 'node:util';
import { ConfigError, createLogger, describeError } from '@edgefleet/common';
import { startAgent } from './agent.js';
import { loadAgentConfig } from './config.js';
import { readCredentials, writeCredentials } from './credentials.js';
import { enroll } from './enroll.js';
import { runDoctor } from './doctor.js';
import { startSimFleet } from './sim.js';

const USAGE = `edgefleet-agent — the edge site daemon

  edgefleet-agent enroll --coordinator http://HOST:PORT --code EF-XXXX-XXXX-XXXX-XXXX --name NAME --lat LAT --lon LON [--region R] [--data-dir DIR]
  edgefleet-agent run    [--data-dir DIR] [--config settings.json]
  edgefleet-agent doctor [--data-dir DIR] [--config settings.json]
  edgefleet-agent sim    --sites N --coordinator http://HOST:PORT --token INSTALLER_TOKEN [--data-dir DIR]

Settings: a JSON file (--config), then EDGEFLEET_AGENT_* variables (EDGEFLEET_AGENT_MQTT__URL=…), override the credentials file.`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      coordinator: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' }, lat: { type: 'string' }, lon: { type: 'string' },
      region: { type: 'string', default: '' }, 'data-dir': { type: 'string', default: process.env.EDGEFLEET_AGENT_DATA_DIR ?? './data/agent' },
      config: { type: 'string' }, sites: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const dataDir = values['data-dir'] as string;
  switch (cmd) {
    case 'enroll': {
      for (const k of ['coordinator', 'code', 'name', 'lat', 'lon'] as const) if (!values[k]) throw new Error(`enroll needs --${k}`);
      const creds = await enroll({ coordinatorHttp: values.coordinator as string, code: values.code as string, name: values.name as string, region: values.region as string, lat: Number(values.lat), lon: Number(values.lon) });
      const path = writeCredentials(dataDir, creds);
      console.log(`enrolled as site ${creds.siteId}; credentials written to ${path} (mode 0600)`);
      console.log(`next: edgefleet-agent doctor --data-dir ${dataDir}, then edgefleet-agent run --data-dir ${dataDir}`);
      return 0;
    }
    case 'run': {
      const creds = readCredentials(dataDir);
      const cfg = loadAgentConfig({
        file: values.config,
        overrides: { dataDir, siteId: creds.siteId, secret: creds.secret, coordinator: { grpc: creds.coordinator.grpc }, mqtt: { url: creds.mqtt.url }, signingKeys: creds.signingKeys, location: creds.location },
      });
      const agent = await startAgent(cfg, { log: createLogger(`agent:${cfg.siteId}`) });
      console.log(`agent ${agent.siteId} running; inference on ${agent.inferenceEndpoint}`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await agent.close();
      return 0;
    }
    case 'doctor': {
      const ok = await runDoctor({ dataDir, configFile: values.config, json: values.json as boolean });
      return ok ? 0 : 1;
    }
    case 'sim': {
      if (!values.sites || !values.coordinator || !values.token) throw new Error('sim needs --sites, --coordinator and --token');
      const fleet = await startSimFleet({ sites: Number(values.sites), coordinatorHttp: values.coordinator as string, token: values.token as string, dataDir });
      console.log(`${fleet.agents.length} simulated sites running`);
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

main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
  console.error(`edgefleet-agent: ${err instanceof ConfigError ? err.message : describeError(err)}`);
  process.exit(1);
});
