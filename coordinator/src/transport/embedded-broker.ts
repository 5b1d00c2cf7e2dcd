import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { isValidSiteId } from '@edgefleet/proto';
import type { Logger } from '@edgefleet/common';
import type { MessageBus, MessageHandler } from './bus.js';
import { mayPublish, maySubscribe } from './acl.js';
import type { SiteAuthenticator } from '../pki/site-secrets.js';
import type { CoordinatorMetrics } from '../metrics.js';
import { indexedMemoryPersistence } from './retained-index.js';
import { guardSocket } from './packet-guard.js';
import { PublishRateLimiter, type PublishLimits } from './publish-limit.js';

/** What the embedded broker refuses a site (docs/operations.md#broker-limits). */
export interface BrokerLimits extends PublishLimits {
  /** Largest packet (its fixed header's remaining length, bytes) read from a connection; a larger one closes it unread. */
  maxPacketBytes: number;
}

export type LimitReason = 'too_large' | 'malformed' | 'rate_limited';

/** Where a publish goes that a site's rate limit refused: no one subscribes to it (aedes still acks QoS 1). */
const DROPPED_TOPIC = '$edgefleet/dropped';

export interface EmbeddedBroker {
  bus: MessageBus;
  port: number;
  host: string;
  /** Called when an authenticated site's MQTT connection closes (cleanly or not). */
  onSiteDisconnect(fn: (siteId: string) => void): void;
  /** Called when an authenticated site breaks a limit (a packet too large, publishing too fast): for its NOC alert. */
  onLimit(fn: (siteId: string, reason: LimitReason) => void): void;
  connectedClients(): number;
  /** Closes a site's MQTT connection (it was revoked; its credentials no longer authenticate). */
  disconnectSite(siteId: string): boolean;
  close(): Promise<void>;
}

function authError(code: 4 | 5, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode: code }) as AuthenticateError;
}

/**
 * aedes in-process: every connection authenticates as a site (username = client id = site id,
 * password = the site's enrollment secret) and may only touch its own topic prefix. The
 * coordinator itself publishes and subscribes in-process, with no socket in between.
 */
export async function startEmbeddedBroker(opts: {
  host: string;
  port: number;
  auth: SiteAuthenticator;
  metrics: CoordinatorMetrics;
  log: Logger;
  /** Packet size and per-site publish rate limits; without, none (tests of other things). */
  limits?: BrokerLimits;
}): Promise<EmbeddedBroker> {
  const limitHandlers: ((siteId: string, reason: LimitReason) => void)[] = [];
  const { auth, metrics, log, limits } = opts;
  const rate = limits ? new PublishRateLimiter(limits) : undefined;
  /** Each connection's site, once authenticated (the packet guard sees connections, not clients). */
  const siteOfConn = new WeakMap<object, string>();
  const siteOf = new WeakMap<Client, string>();
  /** The live connection of each site (aedes does not type its own client table). */
  const bySite = new Map<string, Client>();
  const disconnectHandlers: ((siteId: string) => void)[] = [];

  const aedes = await Aedes.createBroker({
    persistence: indexedMemoryPersistence(),
    heartbeatInterval: 60_000,
    connectTimeout: 10_000,
    maxClientsIdLength: 64,
    authenticate: (client, username, password, done) => {
      if (!username || !password) {
        metrics.mqttAuthRejected.inc({ reason: 'anonymous' });
        log.warn({ clientId: client.id }, 'mqtt: anonymous connection refused');
        done(authError(5, 'anonymous connections are not allowed'), false);
        return;
      }
      if (!isValidSiteId(username) || client.id !== username) {
        metrics.mqttAuthRejected.inc({ reason: 'bad_identity' });
        log.warn({ clientId: client.id, username }, 'mqtt: client id must equal the site id');
        done(authError(4, 'client id must equal username (the site id)'), false);
        return;
      }
      if (!auth.verify(username, password)) {
        metrics.mqttAuthRejected.inc({ reason: 'bad_credentials' });
        log.warn({ siteId: username }, 'mqtt: wrong credentials');
        done(authError(4, 'bad username or password'), false);
        return;
      }
      siteOf.set(client, username);
      log.debug({ siteId: username }, 'mqtt: site connected');
      done(null, true);
    },
    authorizePublish: (client, packet, cb) => {
      if (client === null) {
        cb(null); // the coordinator, in-process
        return;
      }
      const siteId = siteOf.get(client);
      if (siteId !== undefined && mayPublish(siteId, packet.topic)) {
        const over = rate?.take(
          siteId,
          typeof packet.payload === 'string'
            ? Buffer.byteLength(packet.payload)
            : packet.payload.length,
        );
        if (over !== undefined && over !== 'ok') {
          // Dropped without closing the connection: the site's other traffic (and its QoS 1 acks) goes on.
          metrics.mqttLimited.inc({ reason: `rate_${over}` });
          for (const fn of limitHandlers) fn(siteId, 'rate_limited');
          packet.topic = DROPPED_TOPIC;
          packet.retain = false;
        }
        cb(null);
        return;
      }
      metrics.mqttAclDenied.inc({ action: 'publish' });
      log.warn({ siteId, topic: packet.topic }, 'mqtt: publish outside the site prefix denied');
      cb(new Error(`site ${siteId ?? '?'} may not publish to ${packet.topic}`));
    },
    authorizeSubscribe: (client, sub, cb) => {
      const siteId = siteOf.get(client);
      if (siteId !== undefined && maySubscribe(siteId, sub.topic)) {
        cb(null, sub);
        return;
      }
      metrics.mqttAclDenied.inc({ action: 'subscribe' });
      log.warn({ siteId, topic: sub.topic }, 'mqtt: subscribe outside the site prefix denied');
      cb(null, null); // negative suback, connection stays
    },
  });

  aedes.on('client', (client) => {
    const siteId = siteOf.get(client);
    if (siteId !== undefined) {
      bySite.set(siteId, client);
      siteOfConn.set(client.conn, siteId);
    }
  });
  aedes.on('clientDisconnect', (client) => {
    const siteId = siteOf.get(client);
    if (siteId === undefined) return;
    if (bySite.get(siteId) === client) bySite.delete(siteId);
    for (const fn of disconnectHandlers) fn(siteId);
  });
  aedes.on('clientError', (client, err) => {
    log.debug({ clientId: client.id, err: err.message }, 'mqtt client error');
  });

  const server: Server = createServer(
    limits
      ? (socket) =>
          aedes.handle(
            guardSocket(socket, limits.maxPacketBytes, (conn, why) => {
              const siteId = siteOfConn.get(conn);
              metrics.mqttLimited.inc({ reason: why.reason });
              log.warn(
                { siteId, declaredBytes: why.declared, maxPacketBytes: limits.maxPacketBytes },
                'mqtt: packet over the size limit; connection closed before its payload was read',
              );
              if (siteId !== undefined) for (const fn of limitHandlers) fn(siteId, why.reason);
            }),
          )
      : aedes.handle,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const bus: MessageBus = {
    kind: 'embedded',
    subscribe(filter: string, handler: MessageHandler) {
      return new Promise<void>((resolve) => {
        aedes.subscribe(
          filter,
          (packet, done) => {
            try {
              handler(
                packet.topic,
                Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload),
              );
            } finally {
              done();
            }
          },
          resolve,
        );
      });
    },
    publish(topic, payload, o) {
      return new Promise<void>((resolve, reject) => {
        aedes.publish(
          { cmd: 'publish', topic, payload, qos: o.qos, retain: o.retain ?? false, dup: false },
          (err) => (err ? reject(err) : resolve()),
        );
      });
    },
    connected: () => server.listening && !aedes.closed,
    close: () => Promise.resolve(),
  };

  return {
    bus,
    port,
    host: opts.host,
    onSiteDisconnect: (fn) => disconnectHandlers.push(fn),
    onLimit: (fn) => limitHandlers.push(fn),
    connectedClients: () => aedes.connectedClients,
    disconnectSite(siteId) {
      const client = bySite.get(siteId);
      if (!client) return false;
      client.close();
      return true;
    },
    async close() {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
