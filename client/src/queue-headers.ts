import type { Metadata } from '@grpc/grpc-js';
import { QUEUE_EXPECTED_WAIT_HEADER, QUEUE_POSITION_HEADER } from '@edgefleet/proto';
import type { QueuedInfo } from './types.js';

const count = (md: Metadata, key: string): number | undefined => {
  const [v] = md.get(key);
  if (typeof v !== 'string' || !/^\d{1,15}$/.test(v)) return undefined;
  return Number(v);
};

/**
 * The queue place in an Acquire's response headers, told to `onQueued` (nothing when the headers
 * carry none: the Acquire was granted or refused without waiting).
 */
export function tellQueued(md: Metadata, onQueued: (info: QueuedInfo) => void): void {
  const position = count(md, QUEUE_POSITION_HEADER);
  if (position === undefined) return;
  onQueued({ position, expectedWaitMs: count(md, QUEUE_EXPECTED_WAIT_HEADER) });
}
