import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReceiptJson } from '@edgefleet/proto';
import { main } from './main.js';
import { chunkByPeriod, readReceiptsFile } from './receipts.js';

const receipt = (seq: number, endedAtMs: number): ReceiptJson => ({
  version: 1,
  siteId: 'site-a',
  leaseId: 'l-1',
  seq,
  microTokens: 5,
  hash: 'ab'.repeat(32),
  migInstanceUuid: '',
  startedAtMs: endedAtMs - 1,
  endedAtMs,
  requestId: `r-${seq}`,
  signature: Buffer.alloc(64, 1).toString('base64'),
});

describe('edgefleet receipts verify', () => {
  it('splits a long file into calls whose periods cover the whole period once, never splitting equal end times', () => {
    const many = Array.from({ length: 3_100 }, (_, i) => receipt(i + 1, 1_000 + i));
    const chunks = chunkByPeriod(many, 0, 10_000);
    expect(chunks.map((c) => c.receipts.length)).toEqual([1_500, 1_500, 100]);
    expect(chunks.map((c) => [c.fromMs, c.toMs])).toEqual([
      [0, 2_499],
      [2_500, 3_999],
      [4_000, 10_000],
    ]);
    // 1,600 receipts ending at the same ms stay in one call.
    const same = Array.from({ length: 1_600 }, (_, i) => receipt(i + 1, 7));
    expect(chunkByPeriod(same, 0, 9).map((c) => c.receipts.length)).toEqual([1_600]);
    expect(chunkByPeriod([], 3, 4)).toEqual([{ receipts: [], fromMs: 3, toMs: 4 }]);
  });

  it('reads JSON lines, leaves the site key out of what it sends, and names a bad line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ef-receipts-'));
    const good = join(dir, 'good.jsonl');
    writeFileSync(
      good,
      `${JSON.stringify({ ...receipt(1, 5), sitePublicKey: 'PEM' })}\n\n${JSON.stringify(receipt(2, 6))}\n`,
    );
    expect(readReceiptsFile(good)).toEqual([receipt(1, 5), receipt(2, 6)]);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify(receipt(1, 5))}\n{"seq": 1}\n`);
    expect(() => readReceiptsFile(bad)).toThrow(/bad\.jsonl:2: not a receipt: siteId must be/);
  });

  it('is a usage error without FILE', async () => {
    const err: string[] = [];
    const code = await main(['receipts', 'verify', '--customer', 'c'], {
      out: () => undefined,
      err: (t) => err.push(t),
      env: {},
    });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('missing --FILE');
  });
});
