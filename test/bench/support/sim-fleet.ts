/**
 * Child process of the fleet-scale benchmark: N simulated sites (the real agent code) against a
 * coordinator. Prints one JSON line per milestone on stdout.
 */
import { startSimFleet } from '@edgefleet/agent';

const [http, token, dataDir, sitesArg, intervalArg, offsetArg] = process.argv.slice(2);
const sites = Number(sitesArg);
const t0 = Date.now();
const fleet = await startSimFleet({
  sites,
  coordinatorHttp: http ?? '',
  token: token ?? '',
  dataDir: dataDir ?? '',
  telemetryIntervalMs: Number(intervalArg ?? 10_000),
  concurrency: 8,
  offset: Number(offsetArg ?? 0),
  onProgress: (done, total) => {
    if (done % 1000 === 0 || done === total)
      console.log(JSON.stringify({ progress: done, total, ms: Date.now() - t0 }));
  },
});
console.log(
  JSON.stringify({
    started: fleet.agents.length,
    ms: Date.now() - t0,
    rss: process.memoryUsage().rss,
  }),
);
const report = setInterval(
  () => console.log(JSON.stringify({ rss: process.memoryUsage().rss })),
  5000,
);
process.once('SIGTERM', () => {
  clearInterval(report);
  fleet.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
