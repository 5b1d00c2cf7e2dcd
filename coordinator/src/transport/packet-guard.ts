import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

/**
 * The embedded broker's packet size limit, enforced before a payload is buffered.
 *
 * aedes hands every byte a connection reads to mqtt-packet's parser, which appends it to a buffer
 * list and emits a packet only once `remaining length` bytes have arrived (mqtt-packet 9,
 * parser.js `_parsePayload`: it waits for `_list.length >= packet.length`); neither has a size
 * limit for MQTT 3.1.1 (aedes 1.x offers none; `preConnect` sees the connection before its first
 * packet but none of its bytes). So a site that declares a 50 MB PUBLISH made the coordinator hold
 * 50 MB before anything could refuse it. This guard sits between the socket and aedes: it follows
 * the packet boundaries from each fixed header (type byte + the variable-length remaining length,
 * MQTT 3.1.1 §2.2.3) and passes the bytes through unchanged; the moment a header declares more
 * than `maxPacketBytes` it closes the connection, having read at most one socket chunk of the
 * payload.
 */
export class PacketScanner {
  private state: 'type' | 'length' | 'body' = 'type';
  private length = 0;
  private multiplier = 1;
  private lengthBytes = 0;
  private remaining = 0;

  constructor(private readonly maxPacketBytes: number) {}

  /**
   * Follows `chunk`; returns undefined while every packet is within the limit, or what is wrong
   * (the declared length, or a malformed length field) as soon as it is seen.
   */
  scan(chunk: Uint8Array): { reason: 'too_large' | 'malformed'; declared: number } | undefined {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'type') {
        i++;
        this.state = 'length';
        this.length = 0;
        this.multiplier = 1;
        this.lengthBytes = 0;
      } else if (this.state === 'length') {
        const b = chunk[i++] as number;
        this.length += (b & 0x7f) * this.multiplier;
        this.multiplier *= 128;
        this.lengthBytes++;
        if (this.length > this.maxPacketBytes)
          return { reason: 'too_large', declared: this.length };
        if (b & 0x80) {
          if (this.lengthBytes >= 4) return { reason: 'malformed', declared: this.length };
          continue;
        }
        this.remaining = this.length;
        this.state = this.remaining > 0 ? 'body' : 'type';
      } else {
        const take = Math.min(this.remaining, chunk.length - i);
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'type';
      }
    }
    return undefined;
  }
}

/**
 * The connection aedes reads: the socket's bytes after the scanner, its writes straight to the
 * socket. `refused` is called once, before the socket is destroyed, when a packet breaks the limit.
 */
export function guardSocket(
  socket: Socket,
  maxPacketBytes: number,
  refused: (conn: Duplex, why: { reason: 'too_large' | 'malformed'; declared: number }) => void,
): Duplex {
  const scanner = new PacketScanner(maxPacketBytes);
  const conn: Duplex = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _enc, cb) {
      socket.write(chunk, cb);
    },
    final(cb) {
      socket.end(cb);
    },
    destroy(err, cb) {
      socket.destroy();
      cb(err);
    },
  });
  socket.on('data', (chunk: Buffer) => {
    const bad = scanner.scan(chunk);
    if (bad) {
      refused(conn, bad);
      socket.destroy();
      conn.destroy();
      return;
    }
    if (!conn.push(chunk)) socket.pause();
  });
  let ended = false;
  socket.on('end', () => {
    ended = true;
    conn.push(null); // aedes still reads what came before (a DISCONNECT: no last will)
  });
  socket.on('error', (err) => conn.destroy(err));
  socket.on('close', () => {
    if (!ended) conn.destroy();
  });
  return conn;
}
