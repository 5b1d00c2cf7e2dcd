/**
 * How the coordinator talks MQTT, whatever the broker: the embedded aedes (in-process, no
 * socket hop) or an external broker by URL. Handlers get raw payloads; decoding is the
 * ingest layer's job.
 */
export type MessageHandler = (topic: string, payload: Buffer) => void;

export interface SubscribeOptions {
  /** Deliver each message to one coordinator replica only (MQTT shared subscription). */
  shared?: boolean;
}

export interface MessageBus {
  readonly kind: 'embedded' | 'external';
  subscribe(filter: string, handler: MessageHandler, opts?: SubscribeOptions): Promise<void>;
  publish(topic: string, payload: Buffer, opts: { qos: 0 | 1; retain?: boolean }): Promise<void>;
  /** Whether the coordinator can publish and receive now (embedded: listening; external: connected). */
  connected(): boolean;
  /** External brokers: the coordinator's own broker connection went down (false) or came back (true). */
  onConnectionChange?(fn: (up: boolean) => void): void;
  close(): Promise<void>;
}

/** Matches an MQTT topic against a filter with + and # wildcards. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    const seg = f[i];
    if (seg === '#') return true;
    if (i >= t.length) return false;
    if (seg !== '+' && seg !== t[i]) return false;
  }
  return f.length === t.length;
}
