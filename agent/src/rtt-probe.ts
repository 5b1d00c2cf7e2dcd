import { connect } from 'node:net';

/** One RTT sample to a PoP: the time of a TCP handshake (SYN → SYN/ACK), in ms; undefined on failure. */
export function tcpConnectRtt(
  host: string,
  port: number,
  timeoutMs = 1000,
): Promise<number | undefined> {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const sock = connect({ host, port });
    const done = (v: number | undefined) => {
      sock.destroy();
      resolve(v);
    };
    sock.setTimeout(timeoutMs, () => done(undefined));
    sock.once('connect', () => done(Number(process.hrtime.bigint() - t0) / 1e6));
    sock.once('error', () => done(undefined));
  });
}
