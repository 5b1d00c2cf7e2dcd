import { join, resolve } from 'node:path';
import type { Logger } from '@edgefleet/common';
import type { AgentConfig } from '../config.js';
import { describeDurability, openOutbox, type FileOutbox } from '../outbox/index.js';

/**
 * The site's durable outbox: `<dataDir>/outbox`, the configured capacity and durability, each warning
 * logged, the durability mode stated once at open.
 */
export async function openSiteOutbox(
  c: Pick<AgentConfig, 'dataDir' | 'siteId' | 'outboxCapacity' | 'outbox'>,
  log: Logger,
): Promise<FileOutbox> {
  const { durability, syncIntervalMs } = c.outbox;
  const outbox = await openOutbox({
    dir: join(resolve(c.dataDir), 'outbox'),
    siteId: c.siteId,
    capacity: c.outboxCapacity,
    durability,
    syncIntervalMs,
    onWarning: (w) => log.warn({ warning: w }, 'outbox warning'),
  });
  log.info(
    { durability, syncIntervalMs },
    `outbox: ${describeDurability(durability, syncIntervalMs)}`,
  );
  return outbox;
}
