import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Stops accepting: new connections are refused; those already open stay (end them at the server). */
  refuse(): Promise<void>;
  /** Accepts again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP forwarder on 127.0.0.1 (port 0: an ephemeral one) to `target`, that a test can make refuse
 * connections and accept them again: with the open ones ended at the server, what a service sees
 * when its database goes away (connection refused) and comes back.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const track = (s: Socket) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  };
  const onConnection = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  };
  let server: Server = createServer(onConnection);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const addr = server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    });
  const port = await listen(0);
  // close() stops listening at once; its callback would wait for the open connections to end.
  const refuse = () => {
    if (server.listening) server.close();
    return Promise.resolve();
  };
  return {
    port,
    refuse,
    async restore() {
      server = createServer(onConnection);
      await listen(port);
    },
    async close() {
      for (const s of open) s.destroy();
      await refuse();
    },
  };
}
