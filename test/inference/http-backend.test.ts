import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpBackend, type HttpBackend, type HttpBackendOptions } from '@edgefleet/agent';
import {
  KSERVE_TEST_MODELS,
  startKserveServer,
  startOpenAiServer,
  type OpenAiServer,
  type UpstreamServer,
} from '../support/upstream-servers.js';
import { eventually } from '../support/processes.js';

const opts = (url: string, o: Partial<HttpBackendOptions> = {}): HttpBackendOptions => ({
  url,
  flavor: 'openai',
  timeoutMs: 10_000,
  discoveryIntervalMs: 60_000,
  defaultMaxOutputTokens: 64,
  maxInputBytes: 1 << 20,
  ...o,
});
const req = (model: string, input: string, signal?: AbortSignal) => ({
  model,
  input,
  maxOutputTokens: 0,
  ...(signal ? { signal } : {}),
});
const fp32 = (a: number[]) => new Uint8Array(new Float32Array(a).buffer);

/** The HTTP proxy backend against real HTTP servers speaking the OpenAI and KServe v2 protocols. */
describe('HTTP proxy backend, OpenAI-compatible server (chat completions, server-sent events)', () => {
  let server: OpenAiServer;
  let backend: HttpBackend;
  const open: HttpBackend[] = [];
  beforeAll(async () => {
    server = await startOpenAiServer({ models: ['llama-3-8b', 'qwen-2'] });
    backend = await createHttpBackend(opts(server.url, { models: ['llama-3-8b', 'not-served'] }));
  });
  afterEach(() => {
    server.failWith = undefined;
  });
  afterAll(async () => {
    await backend?.close?.();
    for (const b of open) await b.close?.();
    await server?.close();
  });

  it('advertises only the configured models the server lists, and is ready', () => {
    expect(backend.kind).toBe('http-openai');
    expect(backend.models).toEqual(['llama-3-8b']);
    expect(backend.health?.()).toBe(true);
    expect(server.seen).toContain('GET /v1/models');
  });

  it('streams: each delta reaches the caller while the upstream stream is still open', async () => {
    const held = server.hold();
    const deltas: string[] = [];
    let firstDelta!: () => void;
    const first = new Promise<void>((r) => (firstDelta = r));
    let ended = false;
    const run = backend.inferStream!(req('llama-3-8b', 'hello edge world'), (t) => {
      deltas.push(t);
      firstDelta();
    }).finally(() => (ended = true));
    await first;
    // The server holds the rest of its stream until released: the first delta arrived before the end.
    expect(ended).toBe(false);
    expect(deltas).toEqual(['echo:']);
    held.release();
    const r = await run;
    expect(r.output).toBe('echo: hello edge world');
    expect(deltas.join('')).toBe(r.output);
    expect(deltas.length).toBe(4);
    expect(r.computeMs).toBeGreaterThan(0);
  });

  it('answers without streaming through infer, and sends a JSON conversation as its messages', async () => {
    expect((await backend.infer(req('llama-3-8b', 'plain'))).output).toBe('echo: plain');
    const convo = JSON.stringify({
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'last turn' },
      ],
    });
    expect((await backend.infer(req('llama-3-8b', convo))).output).toBe('echo: last turn');
  });

  it('refuses tensors (TENSORS_NOT_SUPPORTED) and a model it does not serve (MODEL_NOT_LOADED)', async () => {
    const tensors = [{ name: 'x', datatype: 'FP32', shape: [1], data: fp32([1]) }];
    await expect(backend.infer({ ...req('llama-3-8b', ''), tensors })).rejects.toMatchObject({
      code: 'TENSORS_NOT_SUPPORTED',
    });
    await expect(backend.infer(req('qwen-2', 'x'))).rejects.toMatchObject({
      code: 'MODEL_NOT_LOADED',
    });
  });

  it('a caller that goes away aborts the upstream call and is billed up to then', async () => {
    const held = server.hold();
    const ac = new AbortController();
    const before = server.aborted.length;
    const r = await backend.inferStream!(req('llama-3-8b', 'one two three', ac.signal), () =>
      ac.abort(),
    );
    held.release();
    expect(r.output).toBe('echo:'); // what ran before the abort
    expect(r.computeMs).toBeGreaterThan(0);
    await eventually(
      async () => server.aborted.length,
      (n) => n > before,
      5_000,
    );
    expect(server.aborted.at(-1)).toBe('POST /v1/chat/completions');
  });

  it('names upstream failures: 5xx UPSTREAM_UNAVAILABLE, 400 UPSTREAM_REJECTED, too slow UPSTREAM_TIMEOUT', async () => {
    server.failWith = 503;
    await expect(backend.infer(req('llama-3-8b', 'x'))).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: expect.stringMatching(/HTTP 503/),
    });
    server.failWith = 400;
    await expect(backend.infer(req('llama-3-8b', 'x'))).rejects.toMatchObject({
      code: 'UPSTREAM_REJECTED',
      data: expect.objectContaining({ status: 400 }),
    });
    server.failWith = undefined;
    const quick = await createHttpBackend(opts(server.url, { timeoutMs: 300 }));
    open.push(quick);
    const held = server.hold();
    try {
      await expect(quick.inferStream!(req('llama-3-8b', 'a b'), () => {})).rejects.toMatchObject({
        code: 'UPSTREAM_TIMEOUT',
      });
    } finally {
      held.release();
    }
  });

  it('an upstream that goes away withdraws its models and makes the backend not ready; back, they return', async () => {
    const own = await startOpenAiServer();
    const b = await createHttpBackend(opts(own.url));
    open.push(b);
    let changes = 0;
    b.onModelsChange?.(() => changes++);
    expect(b.models).toEqual(['llama-3-8b']);
    const advertised = b.models; // the agent holds this very array
    await own.stop();
    await expect(b.infer(req('llama-3-8b', 'x'))).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
    await b.recheck();
    expect(advertised).toEqual([]);
    expect(b.health?.()).toMatch(/ECONNREFUSED|fetch failed/);
    await expect(b.infer(req('llama-3-8b', 'x'))).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
    await own.restart();
    await b.recheck();
    expect(advertised).toEqual(['llama-3-8b']);
    expect(b.health?.()).toBe(true);
    expect(changes).toBe(2);
    await own.close();
  });

  it('starts with nothing advertised, not ready, when the upstream is down at start', async () => {
    const b = await createHttpBackend(opts('http://127.0.0.1:9'));
    open.push(b);
    expect(b.models).toEqual([]);
    expect(b.health?.()).not.toBe(true);
  });
});

describe('HTTP proxy backend, KServe v2 server (JSON tensors)', () => {
  let server: UpstreamServer;
  let backend: HttpBackend;
  beforeAll(async () => {
    server = await startKserveServer({
      ...KSERVE_TEST_MODELS,
      slow: { ...KSERVE_TEST_MODELS['doubler']!, delayMs: 60_000 },
      broken: {
        ...KSERVE_TEST_MODELS['doubler']!,
        run: () => [{ name: 'y', datatype: 'FP32', shape: [3], data: [1] }],
      },
    });
    backend = await createHttpBackend(
      opts(server.url, {
        flavor: 'kserve-v2',
        models: ['doubler', 'shout', 'slow', 'broken', 'missing'],
      }),
    );
  });
  afterAll(async () => {
    await backend?.close?.();
    await server?.close();
  });

  it('checks health and each model’s metadata at start; advertises only the models the server has', () => {
    expect(backend.kind).toBe('http-kserve-v2');
    expect(backend.models).toEqual(['broken', 'doubler', 'shout', 'slow']);
    expect(server.seen).toEqual(
      expect.arrayContaining([
        'GET /v2/health/ready',
        'GET /v2/models/doubler',
        'GET /v2/models/doubler/ready',
      ]),
    );
    expect(backend.health?.()).toBe(true);
  });

  it('sends typed tensors and reads typed tensors back, byte for byte', async () => {
    const r = await backend.infer({
      ...req('doubler', ''),
      tensors: [
        { name: 'x', datatype: 'FP32', shape: [2, 4], data: fp32([1, 2, 3, 4, 0.5, -1, 8, 1e-3]) },
      ],
    });
    const y = r.tensors?.find((t) => t.name === 'y');
    expect(y?.datatype).toBe('FP32');
    expect(y?.shape).toEqual([2, 4]);
    expect(Array.from(y?.data ?? [])).toEqual(Array.from(fp32([2, 4, 6, 8, 1, -2, 16, 2e-3])));
    const n = r.tensors?.find((t) => t.name === 'n');
    expect(n?.datatype).toBe('INT64');
    expect(new BigInt64Array(n!.data.slice().buffer)[0]).toBe(8n);
    expect(r.modelVersion).toBe('1');
    const only = await backend.infer({
      ...req('doubler', ''),
      tensors: [{ name: 'x', datatype: 'FP32', shape: [1, 4], data: fp32([1, 1, 1, 1]) }],
      outputNames: ['y'],
    });
    expect(only.tensors?.map((t) => t.name)).toEqual(['y']);
  });

  it('sends text as the model’s BYTES input and reads BYTES output as text', async () => {
    expect((await backend.infer(req('shout', 'stop sign ahead'))).output).toBe('STOP SIGN AHEAD');
  });

  it('refuses a tensor that does not fit the metadata with TENSOR_INVALID, before sending anything', async () => {
    const posts = server.seen.filter((s) => s.startsWith('POST')).length;
    await expect(
      backend.infer({
        ...req('doubler', ''),
        tensors: [{ name: 'x', datatype: 'FP32', shape: [1, 3], data: fp32([1, 2, 3]) }],
      }),
    ).rejects.toMatchObject({
      code: 'TENSOR_INVALID',
      data: expect.objectContaining({ input: 'x' }),
    });
    await expect(backend.infer(req('doubler', 'text'))).rejects.toMatchObject({
      code: 'TENSOR_INVALID',
    });
    expect(server.seen.filter((s) => s.startsWith('POST')).length).toBe(posts);
  });

  it('an answer outside the protocol is UPSTREAM_BAD_RESPONSE', async () => {
    await expect(
      backend.infer({
        ...req('broken', ''),
        tensors: [{ name: 'x', datatype: 'FP32', shape: [1, 4], data: fp32([1, 2, 3, 4]) }],
      }),
    ).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });

  it('a cancelled request aborts the upstream call and is billed only up to the abort', async () => {
    const ac = new AbortController();
    const run = backend.infer({
      ...req('slow', '', ac.signal),
      tensors: [{ name: 'x', datatype: 'FP32', shape: [1, 4], data: fp32([1, 2, 3, 4]) }],
    });
    await eventually(
      async () => server.seen.includes('POST /v2/models/slow/infer'),
      (seen) => seen,
      5_000,
    );
    ac.abort();
    const r = await run;
    expect(r.computeMs).toBeGreaterThan(0);
    await eventually(
      async () => server.aborted,
      (a) => a.includes('POST /v2/models/slow/infer'),
      5_000,
    );
  });
});
