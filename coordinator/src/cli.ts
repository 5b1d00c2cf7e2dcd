import { parseArgs } from 'node:util';
import { ConfigError, describeError, sdNotify, startSystemdNotify } from '@edgefleet/common';
import { packageVersion } from './version.js';

const USAGE = `edgefleet-coordinator — fleet registry, routing, leases, ledger and the NOC API

  edgefleet-coordinator run [--config settings.json]
  edgefleet-coordinator --version

Settings: a JSON file (--config), then EDGEFLEET_COORDINATOR_* variables, e.g.
  EDGEFLEET_COORDINATOR_DATABASE_URL=postgres://…   (default: embedded PGlite under dataDir)
  EDGEFLEET_COORDINATOR_MQTT__URL=mqtt://user:pass@broker:1883   (default: embedded aedes)
  EDGEFLEET_COORDINATOR_HTTP__PORT=8080  EDGEFLEET_COORDINATOR_GRPC__PORT=50051  EDGEFLEET_COORDINATOR_MQTT__PORT=1884
  EDGEFLEET_COORDINATOR_AUTH__TOKENS='[{"token":"…","role":"admin"}]'`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === '--version' || cmd === '-v') {
    console.log(`edgefleet-coordinator ${packageVersion()}`);
    return 0;
  }
  if (cmd !== 'run') {
    console.log(USAGE);
    return cmd === undefined || cmd === 'help' || cmd === '--help' ? 0 : 2;
  }
  const { values } = parseArgs({ args: rest, options: { config: { type: 'string' } } });
  // Imported here, not at the top: --version and the usage load none of the coordinator.
  const [{ loadCoordinatorConfig }, { startCoordinator }] = await Promise.all([
    import('./config.js'),
    import('./coordinator.js'),
  ]);
  const config = loadCoordinatorConfig({ file: values.config });
  let fatal: ((err: Error) => void) | undefined;
  const lost = new Promise<Error>((resolve) => (fatal = resolve));
  const c = await startCoordinator(config, { onFatal: (err) => fatal?.(err) });
  for (const n of c.notices) console.log(`note: ${n}`);
  console.log(
    `coordinator ready\n  NOC + REST  ${c.httpUrl}\n  gRPC        ${c.grpcEndpoint}\n  MQTT        ${c.mqttUrl}\n  ledger      ${c.db.kind}`,
  );
  // READY=1 once /readyz would pass; WATCHDOG=1 only while it does (database, broker, gRPC).
  const stopNotify = startSystemdNotify(async () => (await c.readiness()).status === 'pass');
  const why = await Promise.race([
    new Promise<undefined>((resolve) => {
      process.once('SIGINT', () => resolve(undefined));
      process.once('SIGTERM', () => resolve(undefined));
    }),
    lost,
  ]);
  stopNotify();
  await sdNotify('STOPPING=1');
  await c.close();
  if (why === undefined) return 0;
  // Exit non-zero so systemd (Restart=on-failure) or Kubernetes starts a fresh process.
  console.error(`edgefleet-coordinator: ${describeError(why)}`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(
      `edgefleet-coordinator: ${err instanceof ConfigError ? err.message : describeError(err)}`,
    );
    process.exit(1);
  },
);
