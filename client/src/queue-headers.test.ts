import { Metadata } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { QUEUE_EXPECTED_WAIT_HEADER, QUEUE_POSITION_HEADER } from '@edgefleet/proto';
import { tellQueued } from './queue-headers.js';
import type { QueuedInfo } from './types.js';

const headers = (h: Record<string, string>) => {
  const md = new Metadata();
  for (const [k, v] of Object.entries(h)) md.set(k, v);
  return md;
};

describe('tellQueued', () => {
  it('reads the place and the expected wait; without a place says nothing', () => {
    const told: QueuedInfo[] = [];
    tellQueued(
      headers({ [QUEUE_POSITION_HEADER]: '3', [QUEUE_EXPECTED_WAIT_HEADER]: '1250' }),
      (i) => told.push(i),
    );
    tellQueued(headers({ [QUEUE_POSITION_HEADER]: '0' }), (i) => told.push(i));
    tellQueued(headers({}), (i) => told.push(i));
    tellQueued(headers({ [QUEUE_POSITION_HEADER]: '-1' }), (i) => told.push(i));
    expect(told).toEqual([
      { position: 3, expectedWaitMs: 1250 },
      { position: 0, expectedWaitMs: undefined },
    ]);
  });
});
