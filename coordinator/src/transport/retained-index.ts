import { Readable } from 'node:stream';
import memoryModule, { type AedesPersistence } from 'aedes-persistence';
import { topicMatches } from './bus.js';

// The package is CommonJS: module.exports is the factory, while its types declare an ES default export.
const memory = memoryModule as unknown as typeof memoryModule.default;

/** aedes' view of a stored packet (aedes-packet): enough for the index. */
interface RetainedPacket {
  topic: string;
  payload: Buffer | string;
}

function hasWildcard(pattern: string): boolean {
  return pattern.includes('+') || pattern.includes('#');
}

/**
 * aedes' in-memory persistence with retained messages indexed by topic.
 *
 * The stock memory persistence answers every SUBSCRIBE by testing *every* retained topic against
 * each requested filter. Each site keeps two retained messages (its status and its config) and
 * subscribes to two exact topics when it connects, so a fleet of N sites costs O(N²) matches to
 * connect: at 10,000 sites that is 400 million topic tests, minutes of the coordinator's one event
 * loop, and the cause of a 10-minute cold start and a restart that never caught up. Here a filter
 * without wildcards is one Map lookup; a filter with wildcards still scans, as MQTT requires.
 *
 * The retained messages live only in the index (wildcard filters are matched as the stock store
 * matches them, which the test checks); the rest of the persistence (subscriptions, offline queues,
 * wills) is the stock one.
 */
export function indexedMemoryPersistence(): AedesPersistence {
  const p = memory();
  const index = new Map<string, RetainedPacket>();

  // aedes 1.x calls storeRetained(packet) and awaits the promise; the callback form is kept for the
  // stock signature. An empty payload clears the topic.
  p.storeRetained = ((packet: RetainedPacket, cb?: (err: Error | null | undefined) => void) => {
    if (packet.payload.length === 0) index.delete(packet.topic);
    else index.set(packet.topic, { ...packet });
    if (cb) {
      cb(null);
      return undefined;
    }
    return Promise.resolve();
  }) as AedesPersistence['storeRetained'];

  function* matching(patterns: string[]): Generator<RetainedPacket> {
    for (const pattern of patterns) {
      if (hasWildcard(pattern)) {
        for (const [topic, packet] of index) if (topicMatches(pattern, topic)) yield packet;
      } else {
        const packet = index.get(pattern);
        if (packet !== undefined) yield packet;
      }
    }
  }
  p.createRetainedStreamCombi = (patterns: string[]) => Readable.from(matching(patterns));
  p.createRetainedStream = (pattern: string) => Readable.from(matching([pattern]));
  return p;
}
