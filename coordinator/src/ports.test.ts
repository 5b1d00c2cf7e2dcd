import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { choosePort } from './ports.js';

describe('choosePort', () => {
  it('keeps the preferred port without fallback, or when it is 0', async () => {
    const notices: string[] = [];
    expect(await choosePort(0, '127.0.0.1', true, 'http.port', notices)).toBe(0);
    expect(await choosePort(1, '127.0.0.1', false, 'http.port', notices)).toBe(1);
    expect(notices).toEqual([]);
  });

  it('takes another port when the preferred one is taken, and says so', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const taken = (server.address() as { port: number }).port;
    try {
      const notices: string[] = [];
      const port = await choosePort(taken, '127.0.0.1', true, 'grpc.port', notices);
      expect(port).not.toBe(taken);
      expect(notices).toEqual([`port ${taken} (grpc.port) is taken; using ${port} instead`]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
