import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { agentConfigSchema } from '../config.js';
import type { InferenceBackend } from './backend.js';
import { startSiteBackend } from './site-backend.js';

const config = (backend: Record<string, unknown>, models = ['m-1']) => ({
  backend: agentConfigSchema.shape.backend.parse(backend),
  models,
});

function given(over: Partial<InferenceBackend> = {}) {
  const close = vi.fn(() => Promise.resolve());
  const backend: InferenceBackend = {
    kind: 'given',
    infer: () => Promise.reject(new Error('not used')),
    close,
    ...over,
  };
  return { backend, close };
}

describe('startSiteBackend', () => {
  it('advertises what the backend loaded, not the configured list, and names where it computes', async () => {
    const { backend } = given({ models: ['loaded'], executionProvider: 'cpu' });
    const log = createLogger('test', 'silent');
    const site = await startSiteBackend(config({ kind: 'simulated' }, ['configured']), {
      backend,
      log,
    });
    expect(site.models).toEqual(['loaded']);
    expect(site.info).toEqual({ kind: 'given', executionProvider: 'cpu' });
  });

  it('falls back to the configured models when the backend cannot tell', async () => {
    const log = createLogger('test', 'silent');
    const site = await startSiteBackend(config({ kind: 'simulated' }, ['a', 'b']), {
      simulator: true,
      log,
    });
    expect(site.models).toEqual(['a', 'b']);
    expect(site.info).toEqual({ kind: 'simulated' });
    await site.close();
  });

  it('never closes a backend passed in (it belongs to the caller)', async () => {
    const { backend, close } = given();
    const log = createLogger('test', 'silent');
    const site = await startSiteBackend(config({ kind: 'simulated' }), { backend, log });
    await site.close();
    expect(close).not.toHaveBeenCalled();
  });

  it('warns about the simulated backend on a real site only', async () => {
    const log = createLogger('test', 'silent');
    const warn = vi.spyOn(log, 'warn');
    await startSiteBackend(config({ kind: 'simulated' }), { simulator: true, log });
    expect(warn).not.toHaveBeenCalled();
    const real = await startSiteBackend(config({ kind: 'simulated' }), { log });
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringContaining('backend simulated'),
    ]);
    await real.close();
  });
});
