import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { describeError, type Readiness } from '@edgefleet/common';

export interface MetricsServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * A tiny HTTP server for Prometheus and probes: GET /metrics (text exposition); GET /livez (the
 * process answers; /healthz is its old name); GET /readyz (`readiness`: 200 when every check
 * passes, 503 naming the failing ones). Anything else is 404. Port 0 binds an ephemeral port (the
 * bound one is in `port`).
 */
export async function startMetricsServer(
  registry: Registry,
  o: { host: string; port: number; readiness: () => Promise<Readiness> },
): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' })
        .end('method not allowed\n');
      return;
    }
    if (path === '/livez' || path === '/healthz') {
      res
        .writeHead(200, JSON_TYPE)
        .end(JSON.stringify({ status: 'pass', uptimeS: Math.round(process.uptime()) }));
      return;
    }
    if (path === '/readyz') {
      o.readiness().then(
        (r) => res.writeHead(r.status === 'pass' ? 200 : 503, JSON_TYPE).end(JSON.stringify(r)),
        (err: unknown) =>
          res
            .writeHead(503, JSON_TYPE)
            .end(JSON.stringify({ status: 'fail', error: describeError(err) })),
      );
      return;
    }
    if (path !== '/metrics') {
      res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('not found; try /metrics, /livez or /readyz\n');
      return;
    }
    registry.metrics().then(
      (text) => {
        res
          .writeHead(200, { 'content-type': registry.contentType })
          .end(req.method === 'HEAD' ? undefined : text);
      },
      (err: unknown) => {
        res
          .writeHead(500, { 'content-type': 'text/plain' })
          .end(`metrics failed: ${describeError(err)}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(
        new Error(
          `cannot bind the metrics server on ${o.host}:${o.port}: ${err.message} (set metrics.port)`,
          { cause: err },
        ),
      ),
    );
    server.listen(o.port, o.host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  return {
    port,
    url: `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}/metrics`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
