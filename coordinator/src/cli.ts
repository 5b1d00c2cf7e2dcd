import { execFile } from 'node:child_process';
import { parseArgs } from 'node:util';
import { ConfigError, describeError } from '@edgefleet/common';
import { loadCoordinatorConfig } from './config.js';
import { startCoordinator } from './coordinator.js';

const USAGE = `edgefleet-coordinator — fleet registry, routing, leases, ledger and the NOC API

  edgefleet-coordinator run [--config settings.json]

Settings: a JSON file (--config), then EDGEFLEET_COORDINATOR_* variables, e.g.
  EDGEFLEET_COORDINATOR_DATABASE_URL=postgres://…   (default: embedded PGlite under dataDir)
  EDGEFLEET_COORDINATOR_MQTT__URL=mqtt://user:pass@broker:1883   (default: embedded aedes)
  EDGEFLEET_COORDINATOR_HTTP__PORT=8080  EDGEFLEET_COORDINATOR_GRPC__PORT=50051  EDGEFLEET_COORDINATOR_MQTT__PORT=1884
  EDGEFLEET_COORDINATOR_AUTH__TOKENS='[{"token":"…","role":"admin"}]'`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd !== 'run') {
    console.log(USAGE);
    return cmd === undefined || cmd === 'help' || cmd === '--help' ? 0 : 2;
  }
  const { values } = parseArgs({ args: rest, options: { config: { type: 'string' } } });
  const config = loadCoordinatorConfig({ file: values.config });
  const c = await startCoordinator(config);
  for (const n of c.notices) console.log(`note: ${n}`);
  console.log(`coordinator ready\n  NOC + REST  ${c.httpUrl}\n  gRPC        ${c.grpcEndpoint}\n  MQTT        ${c.mqttUrl}\n  ledger      ${c.db.kind}`);
  sdNotify('READY=1');
  const stopWatchdog = startWatchdog();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  sdNotify('STOPPING=1');
  stopWatchdog();
  await c.close();
  return 0;
}

/**
 * sd_notify for Type=notify units. Node cannot send AF_UNIX datagrams without a native module, so
 * this runs `systemd-notify` (the unit sets NotifyAccess=all, since the message comes from a child
 * process); MAINPID is passed explicitly. Without $NOTIFY_SOCKET (not under systemd) it does nothing.
 */
function sdNotify(state: string): void {
  if (!process.env.NOTIFY_SOCKET) return;
  execFile('systemd-notify', [`--pid=${process.pid}`, state], (err) => {
    if (err) console.error(`warning: systemd-notify ${state} failed: ${err.message}`);
  });
}

/** WATCHDOG=1 at half of $WATCHDOG_USEC while the event loop is alive; returns the stop function. */
function startWatchdog(): () => void {
  const usec = Number(process.env.WATCHDOG_USEC ?? 0);
  const forPid = Number(process.env.WATCHDOG_PID ?? process.pid);
  if (!process.env.NOTIFY_SOCKET || !(usec > 0) || forPid !== process.pid) return () => undefined;
  const t = setInterval(() => sdNotify('WATCHDOG=1'), Math.max(500, Math.floor(usec / 2000)));
  t.unref();
  return () => clearInterval(t);
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
  console.error(`edgefleet-coordinator: ${err instanceof ConfigError ? err.message : describeError(err)}`);
  process.exit(1);
});
