import { serve, type ServerType } from '@hono/node-server';
import type { ShutdownRegistry } from '../shutdown.js';
import { choosePort } from '../ports.js';

/** Serves the HTTP app (on a free port instead when `fallback` and the port is taken); resolves with the bound port. */
export async function listenHttp(
  app: { fetch: (req: Request) => Response | Promise<Response> },
  o: {
    host: string;
    port: number;
    fallback: boolean;
    notices: string[];
    shutdown: ShutdownRegistry;
  },
): Promise<number> {
  const { host } = o;
  const port = await choosePort(o.port, host, o.fallback, 'http.port', o.notices);
  const httpServer = await new Promise<ServerType>((resolveServer, reject) => {
    const srv = serve({ fetch: app.fetch, hostname: host, port }, () => resolveServer(srv));
    srv.once('error', (err) =>
      reject(
        new Error(
          `cannot bind HTTP on ${host}:${port}: ${err.message} (set http.port / EDGEFLEET_COORDINATOR_HTTP__PORT)`,
        ),
      ),
    );
  });
  o.shutdown.add(() => new Promise<void>((r) => httpServer.close(() => r())));
  const addr = httpServer.address();
  return typeof addr === 'object' && addr ? addr.port : port;
}
