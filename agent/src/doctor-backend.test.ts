import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentConfigSchema } from './config.js';
import { backendChecks } from './doctor-backend.js';

const backend = (b: Record<string, unknown>) => ({
  backend: agentConfigSchema.shape.backend.parse(b),
});

describe('doctor: the HTTP proxy backend’s upstream', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    // An OpenAI-compatible server's model list, as vLLM answers it.
    server = createServer((req, res) => {
      if (req.url !== '/v1/models') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'llama-3-8b', object: 'model' }] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = server.address();
    url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('passes with the models the server serves', async () => {
    const [c] = await backendChecks(backend({ kind: 'http', url }), 2000);
    expect(c).toMatchObject({
      name: 'upstream openai',
      level: 'pass',
      detail: expect.stringContaining('serves llama-3-8b'),
    });
  });

  it('warns about configured models the server does not serve', async () => {
    const [c] = await backendChecks(
      backend({ kind: 'http', url, models: ['llama-3-8b', 'qwen-2'] }),
      2000,
    );
    expect(c).toMatchObject({
      level: 'warn',
      ok: true,
      detail: expect.stringContaining('qwen-2 (not listed by GET /v1/models)'),
    });
  });

  it('fails with the fix when the server does not answer', async () => {
    const [c] = await backendChecks(backend({ kind: 'http', url: 'http://127.0.0.1:9' }), 2000);
    expect(c).toMatchObject({
      level: 'fail',
      ok: false,
      fix: expect.stringContaining('start the local inference server'),
    });
  });

  it('checks nothing for the other backends', async () => {
    expect(await backendChecks(backend({ kind: 'simulated' }), 2000)).toEqual([]);
  });
});
