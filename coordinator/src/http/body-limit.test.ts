import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoordinator } from './coordinator.test-support.js';
import { MAX_BODY_BYTES } from './app.js';

/** Regression (security sweep): request bodies were buffered whole, with no limit, even on the public enroll route. */
describe('HTTP body limit', () => {
  let c: Awaited<ReturnType<typeof startTestCoordinator>>;
  beforeAll(async () => {
    c = await startTestCoordinator();
  }, 60_000);
  afterAll(async () => {
    await c?.close();
  });

  it.each([
    ['POST', '/api/v1/enroll', undefined],
    ['POST', '/api/v1/enrollment-codes', 'installer'],
    ['POST', '/api/v1/customers/c1/topup', 'operator'],
  ] as const)('%s %s over the limit → 413 PAYLOAD_TOO_LARGE', async (method, path, role) => {
    const res = await c.call(method, path, {
      ...(role ? { role } : {}),
      body: `{"note":"${'x'.repeat(MAX_BODY_BYTES)}"}`,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: `request body exceeds ${MAX_BODY_BYTES} bytes` },
    });
  });

  it('a chunked body without content-length is cut off too', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent > 2 * MAX_BODY_BYTES) ctrl.close();
        else {
          sent += chunk.byteLength;
          ctrl.enqueue(chunk);
        }
      },
    });
    const res = await fetch(`${c.httpUrl}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('a normal body still works', async () => {
    const res = await c.call('POST', '/api/v1/enrollment-codes', {
      role: 'installer',
      body: { count: 1 },
    });
    expect(res.status).toBe(201);
  });
});
