/** Child process of the fleet-scale benchmark's peer: N plain mqtt.js clients, no agent logic. */
import mqtt from 'mqtt';

const [url, nArg, procArg] = process.argv.slice(2);
const n = Number(nArg);
const t0 = Date.now();
let connected = 0;
const clients: mqtt.MqttClient[] = [];
let i = 0;
const next = () => {
  while (i < n && i - connected < 64) {
    const c = mqtt.connect(url ?? '', {
      clientId: `bare-${procArg ?? 0}-${i}`,
      protocolVersion: 4,
      reconnectPeriod: 0,
      keepalive: 60,
    });
    c.once('connect', () => {
      connected++;
      if (connected === n)
        console.log(
          JSON.stringify({ connected, ms: Date.now() - t0, rss: process.memoryUsage().rss }),
        );
      next();
    });
    c.once('error', (e) => console.log(JSON.stringify({ error: e.message })));
    clients.push(c);
    i++;
  }
};
next();
process.once('SIGTERM', () => process.exit(0));
