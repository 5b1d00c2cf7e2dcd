import { describe, expect, it } from 'vitest';
import { closeAgent, type AgentParts } from './agent-shutdown.js';

describe('closeAgent', () => {
  it('stops telemetry and the uploader first, closes the links, then inference, the backend and the outbox last', async () => {
    const order: string[] = [];
    const sync = (name: string) => () => void order.push(name);
    const async = (name: string) => () => {
      order.push(name);
      return Promise.resolve();
    };
    const parts: AgentParts = {
      telemetry: { stop: sync('telemetry') },
      uploader: { stop: async('uploader') },
      control: { close: sync('control') },
      mqtt: { close: async('mqtt') },
      inference: { close: async('inference') },
      backend: { close: async('backend') },
      outbox: { close: async('outbox') },
    };
    await closeAgent(parts);
    expect(order).toEqual([
      'telemetry',
      'uploader',
      'control',
      'mqtt',
      'inference',
      'backend',
      'outbox',
    ]);
  });
});
