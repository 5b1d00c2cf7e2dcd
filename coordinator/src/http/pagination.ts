import { z } from '@hono/zod-openapi';
import { ApiBadCursorError } from './errors.js';

export const pageQuery = z.object({
  cursor: z
    .string()
    .max(512)
    .optional()
    .openapi({ description: 'opaque cursor from the previous page (nextCursor)' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .openapi({ description: 'items per page (1..1000, default 100)' }),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

const enc = (v: string) => Buffer.from(v, 'utf8').toString('base64url');
function dec(c: string): string {
  const s = Buffer.from(c, 'base64url').toString('utf8');
  if (!s || enc(s) !== c) throw new ApiBadCursorError(c);
  return s;
}

/**
 * Keyset pagination over a list sorted by `key` (ascending, unique): the cursor is the last key
 * served, so inserts and removals between pages neither skip nor repeat items.
 */
export function pageByKey<T>(
  sorted: readonly T[],
  key: (t: T) => string,
  cursor: string | undefined,
  limit: number,
): { items: T[]; nextCursor: string | null } {
  let start = 0;
  if (cursor) {
    const after = dec(cursor);
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (key(sorted[mid] as T) <= after) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const items = sorted.slice(start, start + limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: start + limit < sorted.length && last !== undefined ? enc(key(last)) : null,
  };
}

/** Offset pagination for lists without a stable key (newest-first reports). */
export function pageByOffset<T>(
  list: readonly T[],
  cursor: string | undefined,
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const start = offsetOf(cursor);
  const items = list.slice(start, start + limit);
  return { items, nextCursor: start + limit < list.length ? enc(`o:${start + limit}`) : null };
}

/** The offset an offset cursor stands for (0 without a cursor). */
export function offsetOf(cursor: string | undefined): number {
  if (!cursor) return 0;
  const s = dec(cursor);
  if (!/^o:\d{1,9}$/.test(s)) throw new ApiBadCursorError(cursor);
  return Number(s.slice(2));
}
