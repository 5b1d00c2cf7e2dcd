import { describe, expect, it } from 'vitest';
import memoryModule from 'aedes-persistence';
import { indexedMemoryPersistence } from './retained-index.js';

const stockMemory = memoryModule as unknown as typeof memoryModule.default;

type Persistence = ReturnType<typeof indexedMemoryPersistence>;

function packet(topic: string, payload: string) {
  return {
    cmd: 'publish',
    topic,
    payload: Buffer.from(payload),
    qos: 1,
    retain: true,
    dup: false,
    brokerId: 'b',
    brokerCounter: 1,
  };
}

async function store(p: Persistence, topic: string, payload: string): Promise<void> {
  await (p.storeRetained as unknown as (pk: unknown) => Promise<void>)(packet(topic, payload));
}

async function retained(p: Persistence, patterns: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const pk of p.createRetainedStreamCombi(patterns)) {
    const { topic, payload } = pk as { topic: string; payload: Buffer };
    out.push(`${topic}=${payload.toString()}`);
  }
  return out.sort();
}

describe('indexedMemoryPersistence', () => {
  it('answers exact and wildcard filters exactly as the stock memory persistence does', async () => {
    const indexed = indexedMemoryPersistence();
    const stock = stockMemory();
    const writes: [string, string][] = [];
    for (let i = 0; i < 50; i++) {
      writes.push([`edgefleet/v1/site/s${i}/status`, `online-${i}`]);
      writes.push([`edgefleet/v1/site/s${i}/config`, `cfg-${i}`]);
    }
    writes.push(['edgefleet/v1/site/s3/status', 'offline-3']); // overwrite
    writes.push(['edgefleet/v1/site/s4/config', '']); // cleared
    writes.push(['edgefleet/v1/site/s9/status', '']); // cleared
    writes.push(['$SYS/broker/uptime', '42']); // matched as the stock store matches it
    for (const [t, v] of writes) {
      await store(indexed, t, v);
      await store(stock, t, v);
    }
    const filters = [
      ['edgefleet/v1/site/s3/status', 'edgefleet/v1/site/s3/config'],
      ['edgefleet/v1/site/s4/config', 'edgefleet/v1/site/s4/status'],
      ['edgefleet/v1/site/s9/status'],
      ['edgefleet/v1/site/nobody/status'],
      ['edgefleet/v1/site/+/status'],
      ['edgefleet/v1/site/s1/#', 'edgefleet/v1/site/s2/config'],
      ['#'],
      ['+/broker/uptime', '$SYS/#'],
    ];
    for (const f of filters) {
      const want = await retained(stock, f);
      expect(await retained(indexed, f), f.join(' ')).toEqual(want);
    }
    expect(await retained(indexed, ['edgefleet/v1/site/s3/status'])).toEqual([
      'edgefleet/v1/site/s3/status=offline-3',
    ]);
    expect(await retained(indexed, ['edgefleet/v1/site/s4/config'])).toEqual([]);
    expect(await retained(indexed, ['edgefleet/v1/site/+/status'])).toHaveLength(49);
  });

  it('answers a single-filter stream from the index too', async () => {
    const p = indexedMemoryPersistence();
    await store(p, 'a/b', 'x');
    const got: string[] = [];
    for await (const pk of p.createRetainedStream('a/b'))
      got.push((pk as { payload: Buffer }).payload.toString());
    expect(got).toEqual(['x']);
  });
});
