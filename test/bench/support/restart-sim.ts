/**
 * Child process of the coordinator-restart benchmark: N simulated sites (the real agent code,
 * as `edgefleet-agent sim` runs them) against a coordinator. Prints JSON lines on stdout.
 * Commands on stdin, one per line:
 *   mark  — remember how many MQTT reconnect attempts each site has made so far
 *   dump  — print the wall-clock times of every reconnect attempt after the mark
 */
import { createInterface } from 'node:readline';
import { startSimFleet } from '@edgefleet/agent';

const [http, token, dataDir, sitesArg, intervalArg, offsetArg] = process.argv.slice(2);
const t0 = Date.now();
const fleet = await startSimFleet({
  sites: Number(sitesArg),
  coordinatorHttp: http ?? '',
  token: token ?? '',
  dataDir: dataDir ?? '',
  telemetryIntervalMs: Number(intervalArg ?? 10_000),
  concurrency: 8,
  offset: Number(offsetArg ?? 0),
});
console.log(
  JSON.stringify({
    started: fleet.agents.length,
    ms: Date.now() - t0,
    rss: process.memoryUsage().rss,
  }),
);

let marks: number[] = fleet.agents.map(() => 0);
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'mark') {
    marks = fleet.agents.map((a) => a.mqtt.reconnectTimes.length);
    console.log(JSON.stringify({ marked: marks.length }));
  } else if (line === 'dump') {
    const times = fleet.agents.flatMap((a, i) => a.mqtt.reconnectTimes.slice(marks[i] ?? 0));
    console.log(JSON.stringify({ reconnects: times, rss: process.memoryUsage().rss }));
  }
});
process.once('SIGTERM', () => {
  fleet.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
