import { num, UsageError } from './args.js';
import type { Ctx } from './context.js';
import type { ApiClient } from './http.js';

/** Codes per API call: big batches go in chunks so the installer sees progress. */
export const CODES_PER_CALL = 500;
const MAX_CODES = 100_000;

interface Code {
  code: string;
  expiresAtMs: number;
}

/**
 * `edgefleet enroll-codes --count N [--csv] [--ttl-s S] [--note X]`: issues single-use enrollment
 * codes (installer or admin token), in chunks, with progress on stderr; codes go to stdout
 * (a table, JSON with --json, or CSV with --csv). Codes issued before a failure are still printed.
 */
export async function enrollCodes(c: Ctx, client: ApiClient): Promise<void> {
  const count = num(c.flags.count ?? '1', 'count', { integer: true, min: 1, max: MAX_CODES }) ?? 1;
  const ttlS = num(c.flags['ttl-s'], 'ttl-s', { integer: true, min: 1, max: 30 * 86400 });
  if (c.flags.csv && c.flags.json) throw new UsageError('choose one of --csv and --json');
  const codes: Code[] = [];
  const progress = (text: string) => c.io.err?.(text);
  let failure: unknown;
  while (codes.length < count) {
    const n = Math.min(CODES_PER_CALL, count - codes.length);
    try {
      const r = (await client.call('issueEnrollmentCodes', {
        body: {
          count: n,
          ...(ttlS ? { ttlS } : {}),
          note: c.flags.note ?? 'edgefleet enroll-codes',
        },
      })) as { codes: Code[] };
      codes.push(...r.codes);
    } catch (err) {
      failure = err;
      break;
    }
    if (count > CODES_PER_CALL)
      progress(
        `issued ${codes.length}/${count} codes (${Math.round((codes.length / count) * 100)}%)`,
      );
  }
  if (c.flags.csv)
    c.io.out(
      `code,expires_at\n${codes.map((x) => `${x.code},${new Date(x.expiresAtMs).toISOString()}`).join('\n')}`,
    );
  else if (c.flags.json) c.io.out(JSON.stringify({ codes }, null, 2));
  else
    c.io.out(
      codes.map((x) => `${x.code}  expires ${new Date(x.expiresAtMs).toISOString()}`).join('\n'),
    );
  if (failure) {
    progress(`stopped after ${codes.length} of ${count} codes; the ones printed are valid`);
    throw failure;
  }
}
