import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { burn, tempDir } from '../outbox/testdata/burns.js';
import { openSiteOutbox } from './site-outbox.js';

describe('openSiteOutbox', () => {
  it('opens the outbox under <dataDir>/outbox with the configured capacity (full at that many records)', async () => {
    const dataDir = await tempDir();
    const outbox = await openSiteOutbox(
      { dataDir, siteId: 'site-a', outboxCapacity: 3 },
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
});
