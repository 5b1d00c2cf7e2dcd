import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { burn, tempDir } from '../outbox/testdata/burns.js';
import { loadAgentConfig } from '../config.js';
import { openSiteOutbox } from './site-outbox.js';

describe('openSiteOutbox', () => {
  it('opens the outbox under <dataDir>/outbox with the configured capacity (full at that many records)', async () => {
    const dataDir = await tempDir();
    const outbox = await openSiteOutbox(
      {
        dataDir,
        siteId: 'site-a',
        outboxCapacity: 3,
        outbox: { durability: 'fsync-before-answer', syncIntervalMs: 0 },
      },
      createLogger('test', 'silent'),
    );
    try {
      expect(existsSync(join(dataDir, 'outbox'))).toBe(true);
      for (let i = 1; i <= 3; i++) {
        expect(outbox.isFull).toBe(false);
        await outbox.append(burn(i));
      }
      expect(outbox.isFull).toBe(true);
    } finally {
      await outbox.close();
    }
  });

  it('opens in the configured durability: write-before-answer by default, fsync-before-answer from the environment', async () => {
    const base = {
      siteId: 'site-a',
      secret: 'x'.repeat(16),
      coordinator: { grpc: 'h:1' },
      mqtt: { url: 'mqtt://h' },
    };
    const dflt = loadAgentConfig({ env: {}, overrides: base });
    expect(dflt.outbox).toEqual({ durability: 'write-before-answer', syncIntervalMs: 5 });
    const env = loadAgentConfig({
      env: {
        EDGEFLEET_AGENT_OUTBOX__DURABILITY: 'fsync-before-answer',
        EDGEFLEET_AGENT_OUTBOX__SYNC_INTERVAL_MS: '20',
      },
      overrides: base,
    });
    expect(env.outbox).toEqual({ durability: 'fsync-before-answer', syncIntervalMs: 20 });
    const log = createLogger('test', 'silent');
    for (const cfg of [dflt, env]) {
      const outbox = await openSiteOutbox({ ...cfg, dataDir: await tempDir() }, log);
      try {
        expect(outbox.durability).toBe(cfg.outbox.durability);
        await outbox.append(burn(1));
        expect(outbox.durableSeq).toBe(cfg.outbox.durability === 'fsync-before-answer' ? 1 : 0);
      } finally {
        await outbox.close();
      }
    }
  });
});
