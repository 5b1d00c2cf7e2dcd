import { appendFileSync, readFileSync } from 'node:fs';
import { EdgefleetError } from '@edgefleet/common';
import { parseReceiptJson, type ReceiptJson } from '@edgefleet/proto';
import type { ReceiptBook } from '../receipt-book.js';
import { num, required, UsageError } from './args.js';
import type { Ctx } from './context.js';
import { customerFor } from './customer.js';
import { keyValues, microTokens, table } from './format.js';
import { api } from './rest.js';

/** A receipts file line that is not a receipt. */
export class ReceiptsFileError extends EdgefleetError {
  constructor(path: string, line: number, problem: string) {
    super('RECEIPTS_FILE_INVALID', `${path}:${line}: not a receipt: ${problem}`, {
      path,
      line,
      problem,
    });
  }
}

/** The ledger does not agree with the receipts: some unconfirmed, or burns without a receipt. */
export class ReceiptsMismatchError extends EdgefleetError {
  constructor(unconfirmed: number, withoutReceipt: number, truncated: boolean) {
    super(
      'RECEIPTS_MISMATCH',
      `${unconfirmed} receipt(s) not confirmed by the ledger, ${withoutReceipt} ledger burn(s) without a receipt${truncated ? ' (list cut at the limit: narrow --from/--to)' : ''}`,
      { unconfirmed, withoutReceipt, truncated },
    );
  }
}

/** Receipts per call: the API takes 2,000; equal burn end times are never split across calls. */
const CHUNK = 1_500;
const CHUNK_MAX = 2_000;

interface CheckAnswer {
  ok: boolean;
  receipts: number;
  confirmed: number;
  pending: number;
  confirmedMicroTokens: number;
  chargedMicroTokens: number;
  signaturesChecked: boolean;
  unconfirmed: Record<string, unknown>[];
  withoutReceipt: Record<string, unknown>[];
  truncated: boolean;
}

export function readReceiptsFile(path: string): ReceiptJson[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
  const out: ReceiptJson[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new ReceiptsFileError(path, i + 1, 'not JSON');
    }
    const r = parseReceiptJson(v);
    if ('problem' in r) throw new ReceiptsFileError(path, i + 1, r.problem);
    const { sitePublicKey: _key, ...sent } = r; // the coordinator checks with its own keys
    out.push(sent);
  });
  return out;
}

/**
 * Splits receipts sorted by burn end into calls, each with the slice of the period it answers for:
 * together the slices cover [fromMs, toMs] once, so a burn without a receipt is named by one call.
 */
export function chunkByPeriod(
  receipts: readonly ReceiptJson[],
  fromMs: number,
  toMs: number,
): { receipts: ReceiptJson[]; fromMs: number; toMs: number }[] {
  const sorted = [...receipts].sort((a, b) => a.endedAtMs - b.endedAtMs);
  const chunks: ReceiptJson[][] = [];
  for (let i = 0; i < sorted.length;) {
    let j = Math.min(sorted.length, i + CHUNK);
    while (
      j < sorted.length &&
      j - i < CHUNK_MAX &&
      sorted[j]?.endedAtMs === sorted[j - 1]?.endedAtMs
    )
      j++;
    chunks.push(sorted.slice(i, j));
    i = j;
  }
  if (chunks.length === 0) return [{ receipts: [], fromMs, toMs }];
  return chunks.map((c, k) => ({
    receipts: c,
    fromMs: k === 0 ? fromMs : (c[0]?.endedAtMs ?? fromMs),
    toMs: k === chunks.length - 1 ? toMs : (chunks[k + 1]?.[0]?.endedAtMs ?? toMs + 1) - 1,
  }));
}

/**
 * `edgefleet receipts verify FILE [--customer C] [--from MS] [--to MS]`: the SDK's receipts (JSON
 * lines) against the customer's ledger through POST /api/v1/customers/{id}/receipts/check. Exits 1
 * when any receipt is not confirmed or any burn of the period has no receipt.
 */
export async function receiptsVerify(c: Ctx): Promise<void> {
  const usage = '(edgefleet receipts verify FILE)';
  const path = required(c.args[0], 'FILE', usage);
  if (c.args.length > 1)
    throw new UsageError(`unexpected argument "${c.args.slice(1).join(' ')}" for receipts verify`);
  const receipts = readReceiptsFile(path);
  const ends = receipts.map((r) => r.endedAtMs);
  const fromMs =
    num(c.flags.from, 'from', { integer: true, min: 0 }) ??
    (ends.length > 0 ? Math.min(...ends) : 0);
  const toMs =
    num(c.flags.to, 'to', { integer: true, min: 0 }) ??
    (ends.length > 0 ? Math.max(...ends) : Date.now());
  if (toMs < fromMs) throw new UsageError(`--to (${toMs}) is before --from (${fromMs})`);
  const id = await customerFor(c);
  const total: CheckAnswer = {
    ok: true,
    receipts: 0,
    confirmed: 0,
    pending: 0,
    confirmedMicroTokens: 0,
    chargedMicroTokens: 0,
    signaturesChecked: true,
    unconfirmed: [],
    withoutReceipt: [],
    truncated: false,
  };
  for (const chunk of chunkByPeriod(receipts, fromMs, toMs)) {
    const a = (await api(c).call('checkReceipts', {
      params: { id },
      body: chunk,
    })) as CheckAnswer;
    total.ok &&= a.ok;
    total.receipts += a.receipts;
    total.confirmed += a.confirmed;
    total.pending += a.pending;
    total.confirmedMicroTokens += a.confirmedMicroTokens;
    total.chargedMicroTokens += a.chargedMicroTokens;
    total.signaturesChecked &&= a.signaturesChecked;
    total.unconfirmed.push(...a.unconfirmed);
    total.withoutReceipt.push(...a.withoutReceipt);
    total.truncated ||= a.truncated;
  }
  const answer = { customerId: id, fromMs, toMs, ...total };
  c.io.out(
    c.flags.json
      ? JSON.stringify(answer, null, 2)
      : [
          keyValues([
            ['customer', id],
            ['period', `${new Date(fromMs).toISOString()} .. ${new Date(toMs).toISOString()}`],
            ['receipts', String(total.receipts)],
            ['confirmed', `${total.confirmed} (${total.pending} not reconciled yet)`],
            ['receipted', microTokens(total.confirmedMicroTokens)],
            ['charged', microTokens(total.chargedMicroTokens)],
            ['signatures', total.signaturesChecked ? 'checked by the coordinator' : 'not checked'],
            ['verdict', total.ok ? 'every receipt confirmed, every burn receipted' : 'MISMATCH'],
          ]),
          ...(total.unconfirmed.length > 0
            ? [
                '\nreceipts the ledger does not confirm:',
                table(total.unconfirmed, ['siteId', 'seq', 'problem', 'fields']),
              ]
            : []),
          ...(total.withoutReceipt.length > 0
            ? [
                '\nledger burns without a receipt:',
                table(total.withoutReceipt, [
                  'siteId',
                  'seq',
                  'leaseId',
                  'microTokens',
                  'chargedMicroTokens',
                  'status',
                ]),
              ]
            : []),
        ].join('\n'),
  );
  if (!total.ok)
    throw new ReceiptsMismatchError(
      total.unconfirmed.length,
      total.withoutReceipt.length,
      total.truncated,
    );
}

/** `--receipts FILE` of `edgefleet infer`: appends the receipts the client kept, one JSON line each. */
export function appendReceipts(path: string | undefined, book: ReceiptBook): void {
  if (!path) return;
  const lines = book
    .drain()
    .map((k) => `${JSON.stringify(k.receipt)}\n`)
    .join('');
  if (lines) appendFileSync(path, lines, { mode: 0o600 });
}
