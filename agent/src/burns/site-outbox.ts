import { join, resolve } from 'node:path';
import type { Logger } from '@edgefleet/common';
import type { AgentConfig } from '../config.js';
import { openOutbox, type FileOutbox } from '../outbox/index.js';

/** The site's durable outbox: `<dataDir>/outbox`, the configured capacity, each warning logged. */
export function openSiteOutbox(
  c: Pick<AgentConfig, 'dataDir' | 'siteId' | 'outboxCapacity'>,
  log: Logger,
): Promise<FileOutbox> {
  return openOutbox({
    dir: join(resolve(c.dataDir), 'outbox'),
    siteId: c.siteId,
    capacity: c.outboxCapacity,
    onWarning: (w) => log.warn({ warning: w }, 'outbox warning'),
  });
}
