/** A tiny node:http double of the coordinator REST API, for the CLI tests. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeApi {
  url: string;
  server: Server;
  requests: { method: string; path: string; authorization: string | undefined; body: unknown }[];
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString();
  return text ? JSON.parse(text) : undefined;
}

/** Balances are shared with the caller (e.g. the fake coordinator's), so holds show up. */
export async function startFakeApi(
  balances: Map<string, number>,
  adminToken: string,
): Promise<FakeApi> {
  const requests: FakeApi['requests'] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = await readBody(req);
      requests.push({
        method: req.method ?? '',
        path: url.pathname + url.search,
        authorization: req.headers.authorization,
        body,
      });
      const m = /^\/api\/v1\/customers\/([^/]+)\/(balance|topup)$/.exec(url.pathname);
      if (req.method === 'GET' && url.pathname === '/api/v1/sites') {
        return send(res, 200, {
          items: [
            {
              siteId: 'a',
              state: 'online',
              lat: 50.11,
              lon: 8.68,
              slotsFree: 3,
              pricePerKwhNow: 0.21,
            },
            {
              siteId: 'b',
              state: 'draining',
              lat: 48.14,
              lon: 11.58,
              slotsFree: 0,
              pricePerKwhNow: 0.18,
            },
          ],
          nextCursor: null,
        });
      }
      if (req.method === 'GET' && url.pathname === '/api/v1/reconciliation/runs') {
        return send(res, 200, {
          items: [
            {
              runId: 'run-1',
              startedAtMs: 1_700_000_000_000,
              finishedAtMs: 1_700_000_000_150,
              sites: [
                {
                  siteId: 'a',
                  accepted: 10,
                  duplicate: 1,
                  gap: 0,
                  overBudget: 0,
                  unknownLease: 0,
                  late: 0,
                  tampered: 0,
                },
                {
                  siteId: 'b',
                  accepted: 5,
                  duplicate: 0,
                  gap: 2,
                  overBudget: 1,
                  unknownLease: 0,
                  late: 0,
                  tampered: 1,
                },
              ],
            },
          ],
          nextCursor: 'c2',
        });
      }
      if (m) {
        const id = decodeURIComponent(m[1] ?? '');
        if (m[2] === 'balance' && req.method === 'GET') {
          if (!balances.has(id))
            return send(res, 404, {
              error: { code: 'NOT_FOUND', message: `customer ${id} not found` },
            });
          return send(res, 200, { customerId: id, available: balances.get(id), held: 0, debt: 0 });
        }
        if (m[2] === 'topup' && req.method === 'POST') {
          if (req.headers.authorization !== `Bearer ${adminToken}`) {
            return send(res, 401, {
              error: { code: 'UNAUTHORIZED', message: 'admin role required' },
            });
          }
          const amount = (body as { microTokens?: unknown } | undefined)?.microTokens;
          if (typeof amount !== 'number')
            return send(res, 400, {
              error: { code: 'INVALID', message: 'microTokens must be a number' },
            });
          balances.set(id, (balances.get(id) ?? 0) + amount);
          return send(res, 200, { customerId: id, available: balances.get(id), held: 0, debt: 0 });
        }
      }
      send(res, 404, {
        error: { code: 'NOT_FOUND', message: `no route ${req.method} ${url.pathname}` },
      });
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    requests,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
