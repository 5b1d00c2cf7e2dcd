import { createServer, type AddressInfo } from 'node:net';

/** Resolves to true when nothing listens on host:port yet. */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => {
      srv.close(() => resolve(true));
    });
  });
}

/** An ephemeral port the OS considers free right now. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen({ port: 0, host }, () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The preferred port when free, else an ephemeral one; `fellBack` says which. */
export async function pickPort(
  preferred: number,
  host = '127.0.0.1',
): Promise<{ port: number; fellBack: boolean }> {
  if (preferred === 0) return { port: await freePort(host), fellBack: false };
  if (await portIsFree(preferred, host)) return { port: preferred, fellBack: false };
  return { port: await freePort(host), fellBack: true };
}

/**
 * Splits a gRPC target `host:port` (`[v6]:port`, or a bare host or IPv6 address without a port).
 * The port is undefined when the target has none.
 */
export function splitHostPort(target: string): { host: string; port?: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(target);
  if (v6?.[1]) return { host: v6[1], ...(v6[2] ? { port: Number(v6[2]) } : {}) };
  const i = target.lastIndexOf(':');
  // One colon: host:port. None, or several (a bare IPv6 address): no port.
  if (i > 0 && target.indexOf(':') === i && /^\d+$/.test(target.slice(i + 1)))
    return { host: target.slice(0, i), port: Number(target.slice(i + 1)) };
  return { host: target };
}
