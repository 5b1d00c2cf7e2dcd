import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Small local inference servers that speak the published protocols, on 127.0.0.1 port 0, for the
 * HTTP proxy backend's tests: an OpenAI-compatible one (`GET /v1/models`, `POST /v1/chat/completions`
 * with server-sent events) and a KServe v2 (Open Inference Protocol) REST one. Nothing here is a
 * mock of fetch: the backend talks HTTP to a real socket.
 */
export interface UpstreamServer {
  url: string;
  port: number;
  /** Requests seen, by method and path. */
  readonly seen: string[];
  /** Requests whose client went away before the answer ended (an aborted upstream fetch). */
  readonly aborted: string[];
  /** Answers every later request with this HTTP status (undefined: serve normally). */
  failWith: number | undefined;
  /** Stops listening and cuts open connections: an upstream that went away. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => Promise<void> | void;

async function serve(handler: Handler): Promise<UpstreamServer> {
  const seen: string[] = [];
  const aborted: string[] = [];
  const sockets = new Set<Socket>();
  const state = { failWith: undefined as number | undefined };
  const server = createServer((req, res) => {
    const what = `${req.method} ${req.url}`;
    seen.push(what);
    res.on('close', () => {
      if (!res.writableFinished) aborted.push(what);
    });
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      if (state.failWith !== undefined) {
        json(res, state.failWith, { error: { message: `failing with ${state.failWith}` } });
        return;
      }
      Promise.resolve(handler(req, body, res)).catch((err: unknown) => {
        if (!res.headersSent) json(res, 500, { error: String(err) });
        else res.destroy();
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', reject);
        const a = server.address();
        resolve(typeof a === 'object' && a ? a.port : p);
      });
    });
  const port = await listen(0);
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    aborted,
    get failWith() {
      return state.failWith;
    },
    set failWith(v: number | undefined) {
      state.failWith = v;
    },
    stop,
    restart: async () => {
      await listen(port);
    },
    close: () => (server.listening ? stop() : Promise.resolve()),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface OpenAiServer extends UpstreamServer {
  /**
   * Holds every stream after its first delta until `release()` is called: a test sees the first delta
   * arrive while the stream is still open (no timing involved).
   */
  hold(): { release: () => void };
}

/**
 * An OpenAI-compatible chat server. The answer to a user message `m` is `echo: m`, one word per
 * streamed delta; each event is written in two pieces cut mid-JSON with `chunkDelayMs` between
 * events, after a `: keep-alive` comment. An unknown model is a 404 with OpenAI's error body.
 */
export async function startOpenAiServer(
  o: { models?: string[]; chunkDelayMs?: number } = {},
): Promise<OpenAiServer> {
  const models = o.models ?? ['llama-3-8b'];
  let gate: Promise<void> | undefined;
  const s = await serve(async (req, body, res) => {
    if (req.method === 'GET' && req.url === '/v1/models')
      return json(res, 200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', owned_by: 'test' })),
      });
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
      return json(res, 404, { error: { message: `no route ${req.url}` } });
    const r = JSON.parse(body) as {
      model: string;
      messages: { role: string; content: string }[];
      stream?: boolean;
      max_tokens?: number;
    };
    if (!models.includes(r.model))
      return json(res, 404, {
        error: { message: `The model \`${r.model}\` does not exist.`, type: 'NotFoundError' },
      });
    const last = r.messages.at(-1)?.content ?? '';
    const reply = `echo: ${last}`;
    if (!r.stream)
      return json(res, 200, {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        model: r.model,
        choices: [
          { index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' },
        ],
      });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(': keep-alive\n\n');
    const words = reply.split(' ').map((w, i) => (i === 0 ? w : ` ${w}`));
    const event = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({
        id: 'chatcmpl-1',
        object: 'chat.completion.chunk',
        model: r.model,
        choices: [{ index: 0, delta, finish_reason: finish }],
      })}\n\n`;
    const send = async (text: string) => {
      const cut = Math.floor(text.length / 2);
      res.write(text.slice(0, cut));
      await sleep(1);
      res.write(text.slice(cut));
    };
    await send(event({ role: 'assistant', content: '' }, null));
    for (const [i, w] of words.entries()) {
      if (res.destroyed) return;
      await send(event({ content: w }, null));
      if (i === 0 && gate) await gate;
      if (o.chunkDelayMs) await sleep(o.chunkDelayMs);
    }
    if (res.destroyed) return;
    await send(event({}, 'stop'));
    res.end('data: [DONE]\n\n');
  });
  return Object.assign(s, {
    hold() {
      let release!: () => void;
      gate = new Promise<void>((r) => (release = r));
      return {
        release: () => {
          gate = undefined;
          release();
        },
      };
    },
  }) as OpenAiServer;
}

export interface KserveTensor {
  name: string;
  datatype: string;
  shape: number[];
  data: unknown[];
}

export interface KserveModelDef {
  inputs: { name: string; datatype: string; shape: number[] }[];
  outputs: { name: string; datatype: string; shape: number[] }[];
  run(inputs: KserveTensor[]): KserveTensor[];
  /** Milliseconds before the answer (a slow model, for cancellation). */
  delayMs?: number;
}

/**
 * Two models a KServe v2 test server serves by default: `doubler` (FP32 x [-1,4] → y = 2x, and
 * INT64 n = the element count) and `shout` (BYTES text_input → BYTES text_output, upper-cased).
 */
export const KSERVE_TEST_MODELS: Record<string, KserveModelDef> = {
  doubler: {
    inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 4] }],
    outputs: [
      { name: 'y', datatype: 'FP32', shape: [-1, 4] },
      { name: 'n', datatype: 'INT64', shape: [1] },
    ],
    run: ([x]) => [
      {
        name: 'y',
        datatype: 'FP32',
        shape: x?.shape ?? [],
        data: (x?.data as number[]).map((v) => v * 2),
      },
      { name: 'n', datatype: 'INT64', shape: [1], data: [x?.data.length ?? 0] },
    ],
  },
  shout: {
    inputs: [{ name: 'text_input', datatype: 'BYTES', shape: [1] }],
    outputs: [{ name: 'text_output', datatype: 'BYTES', shape: [1] }],
    run: ([t]) => [
      {
        name: 'text_output',
        datatype: 'BYTES',
        shape: [1],
        data: [String(t?.data[0]).toUpperCase()],
      },
    ],
  },
};

/**
 * A KServe v2 REST server: `GET /v2/health/ready`, `GET /v2/models/{name}` (metadata),
 * `GET /v2/models/{name}/ready`, `POST /v2/models/{name}/infer` (JSON tensors). It checks each
 * request as the protocol says (every input named by the model, data length = product(shape)) and
 * answers 400 with `{error}` otherwise.
 */
export async function startKserveServer(
  models: Record<string, KserveModelDef> = KSERVE_TEST_MODELS,
): Promise<UpstreamServer> {
  const s = await serve(async (req, body, res) => {
    const url = req.url ?? '';
    if (req.method === 'GET' && url === '/v2/health/ready') return json(res, 200, {});
    const m = /^\/v2\/models\/([^/]+)(\/ready|\/infer)?$/.exec(url);
    const name = decodeURIComponent(m?.[1] ?? '');
    const model = models[name];
    if (!m || !model) return json(res, 404, { error: `model ${name} not found` });
    if (req.method === 'GET' && !m[2])
      return json(res, 200, {
        name,
        versions: ['1'],
        platform: 'test',
        inputs: model.inputs,
        outputs: model.outputs,
      });
    if (req.method === 'GET' && m[2] === '/ready') return json(res, 200, { name, ready: true });
    if (req.method !== 'POST' || m[2] !== '/infer') return json(res, 405, { error: 'method' });
    const r = JSON.parse(body) as { inputs: KserveTensor[]; outputs?: { name: string }[] };
    for (const spec of model.inputs) {
      const t = r.inputs.find((i) => i.name === spec.name);
      if (!t) return json(res, 400, { error: `input ${spec.name} missing` });
      if (t.datatype !== spec.datatype)
        return json(res, 400, { error: `input ${spec.name}: datatype ${t.datatype}` });
      if (t.data.length !== t.shape.reduce((a, d) => a * d, 1))
        return json(res, 400, { error: `input ${spec.name}: data length` });
    }
    if (model.delayMs) await sleep(model.delayMs);
    if (res.destroyed) return;
    const wanted = r.outputs?.map((o) => o.name);
    const outputs = model.run(r.inputs).filter((o) => !wanted || wanted.includes(o.name));
    return json(res, 200, { model_name: name, model_version: '1', outputs });
  });
  return s;
}
