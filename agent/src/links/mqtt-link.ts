import type { MqttClient } from 'mqtt';
import { backoffDelay, type Logger } from '@edgefleet/common';
import { encodePayload, pb, siteTopic, type edgefleet } from '@edgefleet/proto';
import { connectMqtt } from './mqtt-connect.js';

/**
 * The agent's MQTT session (3.1.1, so it works with embedded aedes and any broker): retained
 * status with a last will that says offline, telemetry at QoS 0, burns at QoS 1, and
 * subscriptions to its own ack and config topics. mqtt.js reconnects by itself, but with
 * a fixed period; before each of its reconnect timers is armed we set the period to an
 * exponential backoff with full jitter (as the EdgeControl link does), so a fleet whose
 * broker restarts does not come back in lockstep.
 * The mqtt.js client stays inside: callers publish and listen through the methods below.
 */
export class MqttLink {
  private readonly client: MqttClient;
  private onMsg: ((kind: 'ack' | 'config', payload: Buffer) => void) | undefined;
  private attempt = 0;
  /** Wall-clock times (ms) of reconnect attempts since the last successful connect (bounded). */
  readonly reconnectTimes: number[] = [];

  constructor(
    private readonly o: {
      url: string;
      siteId: string;
      secret: string;
      keepaliveS: number;
      log: Logger;
      connectTimeoutMs?: number;
      reconnectBaseMs: number;
      reconnectMaxMs?: number;
      random?: () => number;
      status: () => edgefleet.v1.SiteStatus.$Properties;
    },
  ) {
    const will = encodePayload(
      pb.SiteStatus,
      new pb.SiteStatus({
        site_id: o.siteId,
        state: pb.SiteState.SITE_STATE_OFFLINE,
        reason: 'connection lost (last will)',
      }),
    );
    this.client = connectMqtt(o.url, {
      clientId: o.siteId,
      username: o.siteId,
      password: o.secret,
      protocolVersion: 4,
      clean: true,
      keepalive: o.keepaliveS,
      reconnectPeriod: o.reconnectBaseMs, // replaced before each reconnect (below)
      connectTimeout: o.connectTimeoutMs ?? 30_000,
      will: { topic: siteTopic(o.siteId, 'status'), payload: will, qos: 1, retain: true },
      // mqtt-packet otherwise pre-builds a 2-byte Buffer for each of the 65,536 packet ids and
      // lengths at the first write, ~7 MiB of heap kept for the life of the process (a third of
      // the idle agent's heap); the agent writes a few packets a second, so it allocates them.
      writeCache: false,
    });
    // mqtt.js's own 'close' listener arms the reconnect timer from options.reconnectPeriod;
    // ours runs first (prepend) and picks the next backoff delay.
    this.client.prependListener('close', () => {
      this.client.options.reconnectPeriod = this.nextDelay();
    });
    this.client.on('reconnect', () => {
      if (this.reconnectTimes.length < 1000) this.reconnectTimes.push(Date.now());
    });
    this.client.on('connect', () => {
      this.attempt = 0;
      o.log.info({ siteId: o.siteId }, 'mqtt connected');
      this.client.subscribe(
        [siteTopic(o.siteId, 'ack'), siteTopic(o.siteId, 'config')],
        { qos: 1 },
        (err) => {
          if (err) o.log.warn({ err: err.message }, 'mqtt subscribe failed');
        },
      );
      this.publishStatus();
    });
    this.client.on('message', (topic, payload) => {
      const kind = topic.endsWith('/ack')
        ? 'ack'
        : topic.endsWith('/config')
          ? 'config'
          : undefined;
      if (kind) this.onMsg?.(kind, payload);
    });
    this.client.on('error', (err) => o.log.warn({ err: err.message }, 'mqtt error'));
    this.client.on('offline', () => o.log.debug('mqtt offline'));
  }

  /** Exponential backoff with full jitter; never 0 (0 would switch mqtt.js reconnects off). */
  private nextDelay(): number {
    return Math.max(
      1,
      backoffDelay(
        this.attempt++,
        this.o.reconnectBaseMs,
        this.o.reconnectMaxMs ?? 15_000,
        this.o.random,
      ),
    );
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** mqtt.js's CONNACK wait, as configured (mqtt.connectTimeoutMs). */
  get connectTimeoutMs(): number | undefined {
    return this.client.options.connectTimeout;
  }

  onMessage(fn: (kind: 'ack' | 'config', payload: Buffer) => void): void {
    this.onMsg = fn;
  }

  /** Called at every (re)connect, after the link has subscribed and republished the status. */
  onConnect(fn: () => void): void {
    this.client.on('connect', () => fn());
  }

  /** Called at every reconnect attempt with the backoff delay (ms) that preceded it. */
  onReconnect(fn: (waitedMs: number) => void): void {
    this.client.on('reconnect', () => fn(this.client.options.reconnectPeriod ?? 0));
  }

  publishStatus(): void {
    if (!this.client.connected) return;
    const msg = new pb.SiteStatus({
      ...this.o.status(),
      site_id: this.o.siteId,
      ts_ms: Date.now(),
    });
    this.client.publish(siteTopic(this.o.siteId, 'status'), encodePayload(pb.SiteStatus, msg), {
      qos: 1,
      retain: true,
    });
  }

  publishTelemetry(t: edgefleet.v1.Telemetry): void {
    if (!this.client.connected) return;
    this.client.publish(siteTopic(this.o.siteId, 'telemetry'), encodePayload(pb.Telemetry, t), {
      qos: 0,
    });
  }

  /** Resolves when the broker acknowledged the batch (PUBACK). */
  publishBurns(batch: edgefleet.v1.BurnBatch): Promise<void> {
    return this.client
      .publishAsync(siteTopic(this.o.siteId, 'burns'), encodePayload(pb.BurnBatch, batch), {
        qos: 1,
      })
      .then(() => undefined);
  }

  /** Graceful: say offline ourselves (the will is only for crashes), then disconnect. */
  async close(): Promise<void> {
    if (this.client.connected) {
      const msg = new pb.SiteStatus({
        ...this.o.status(),
        site_id: this.o.siteId,
        state: pb.SiteState.SITE_STATE_OFFLINE,
        reason: 'agent stopped',
        ts_ms: Date.now(),
      });
      await this.client
        .publishAsync(siteTopic(this.o.siteId, 'status'), encodePayload(pb.SiteStatus, msg), {
          qos: 1,
          retain: true,
        })
        .catch(() => undefined);
    }
    await this.client.endAsync(true);
  }
}
