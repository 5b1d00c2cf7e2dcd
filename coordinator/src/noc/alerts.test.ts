import { describe, expect, it } from 'vitest';
import { pb } from '@edgefleet/proto';
import { FleetRegistry } from '../fleet/registry.js';
import type { ReconciliationReport } from '../ledger/types.js';
import { AlertBook, isOutboxAlarm, type Alert } from './alerts.js';

const report = (
  siteId: string,
  k: Partial<Record<'gap' | 'tampered' | 'late', number>>,
): ReconciliationReport => ({
  runId: 'r',
  startedAtMs: 0,
  finishedAtMs: 0,
  sites: [
    {
      siteId,
      accepted: 0,
      acceptedMicroTokens: 0,
      duplicate: 0,
      gap: 0,
      overBudget: 0,
      unknownLease: 0,
      late: 0,
      tampered: 0,
      refused: 0,
      ackedSeq: 0,
      resendFrom: 0,
      holdClosed: 0,
      disputed: 0,
      disputedMicroTokens: 0,
      wrongInstance: 0,
      wrongInstanceMicroTokens: 0,
      outsideLease: 0,
      outsideLeaseMicroTokens: 0,
      overRate: 0,
      overRateMicroTokens: 0,
      overHold: 0,
      overHoldMicroTokens: 0,
      ...k,
    },
  ],
});

const SETTINGS = { badMessageWindowMs: 60_000, telemetryStaleMs: 5000, keepResolved: 10 };
/** The agent's outbox alarm as withOutboxAlarm puts it among the telemetry hook errors. */
const nearFull = (depth: number, capacity: number) => ({
  hook: 'outbox',
  code: 'OUTBOX_NEAR_FULL',
  message: `${depth} of ${capacity} burn records unacknowledged (≥ 80%); acks are not keeping up`,
});

describe('AlertBook', () => {
  it('raises, holds (first-seen kept, last-seen moves) and resolves alerts as conditions come and go', () => {
    let now = 10_000;
    const reg = new FleetRegistry(
      { telemetryStaleMs: 5000, offlineAfterMs: 15000 },
      0.3,
      () => now,
    );
    reg.upsertEnrolled({ siteId: 'a' });
    reg.upsertEnrolled({ siteId: 'b' });
    const book = new AlertBook(reg, SETTINGS, () => now);
    const changes: Alert[] = [];
    book.onChange((a) => changes.push({ ...a }));

    reg.setMqtt('a', true);
    reg.setStream('a', true);
    reg.applyTelemetry(
      new pb.Telemetry({
        site_id: 'a',
        outbox_depth: 85,
        hook_errors: [
          { hook: 'nvidia-smi', code: 'TIMEOUT', message: 'no answer' },
          nearFull(85, 100),
        ],
      }),
    );
    book.noteBadMessage('b', 'telemetry', 'too_large');
    book.noteReport(report('a', { gap: 2, tampered: 1 }));
    book.evaluate();
    const ids = book.list('active').map((a) => a.id);
    expect(ids).toEqual([
      'recon_tampered:a',
      'bad_messages:b',
      'hook_errors:a',
      'outbox_near_full:a',
      'recon_gap:a',
    ]); // critical first, then by first-seen, then id
    expect(book.list('active')[0]?.severity).toBe('critical');
    // The outbox alarm is its own alert, not one of the hook errors.
    expect(book.list('active').find((a) => a.id === 'hook_errors:a')?.message).toBe(
      'nvidia-smi: TIMEOUT no answer',
    );
    expect(book.list('active').find((a) => a.id === 'outbox_near_full:a')?.message).toBe(
      'OUTBOX_NEAR_FULL: 85 of 100 burn records unacknowledged (≥ 80%); acks are not keeping up',
    );

    now += 6000; // telemetry now stale; everything else still holds
    book.evaluate();
    const held = book.list('active').find((a) => a.id === 'outbox_near_full:a');
    expect(held).toMatchObject({ firstSeenMs: 10_000, lastSeenMs: 16_000, resolvedAtMs: null });
    expect(book.list('active').map((a) => a.id)).toContain('telemetry_stale:a');

    reg.applyTelemetry(new pb.Telemetry({ site_id: 'a', outbox_depth: 3 }));
    book.noteReport(report('a', {}));
    now += 60_001; // the bad-message window has passed
    reg.applyTelemetry(new pb.Telemetry({ site_id: 'a', outbox_depth: 3 }));
    book.evaluate();
    expect(book.list('active').map((a) => a.id)).toEqual([]);
    const resolved = book.list('resolved');
    expect(resolved.map((a) => a.id).sort()).toEqual([
      'bad_messages:b',
      'hook_errors:a',
      'outbox_near_full:a',
      'recon_gap:a',
      'recon_tampered:a',
      'telemetry_stale:a',
    ]);
    expect(resolved.every((a) => a.resolvedAtMs === now)).toBe(true);
    expect(changes.filter((a) => a.resolvedAtMs === null)).toHaveLength(6);
    expect(changes.filter((a) => a.resolvedAtMs !== null)).toHaveLength(6);

    reg.setMqtt('a', false);
    reg.setStream('a', false);
    book.evaluate();
    expect(book.list('active').map((a) => [a.id, a.severity])).toEqual([
      ['site_offline:a', 'critical'],
    ]);
  });

  it("raises outbox_near_full on the agent's own alarm, never from the depth alone (only the agent knows its capacity)", () => {
    const reg = new FleetRegistry(
      { telemetryStaleMs: 5000, offlineAfterMs: 15000 },
      0.3,
      () => 10_000,
    );
    reg.upsertEnrolled({ siteId: 'big' });
    reg.upsertEnrolled({ siteId: 'small' });
    for (const id of ['big', 'small']) {
      reg.setMqtt(id, true);
      reg.setStream(id, true);
    }
    const book = new AlertBook(reg, SETTINGS, () => 10_000);
    // A deep outbox of a large-capacity agent that raises no alarm: no alert.
    reg.applyTelemetry(new pb.Telemetry({ site_id: 'big', outbox_depth: 95_000 }));
    // A small outbox that is full: the agent says so.
    reg.applyTelemetry(
      new pb.Telemetry({
        site_id: 'small',
        outbox_depth: 10,
        hook_errors: [
          {
            hook: 'outbox',
            code: 'OUTBOX_FULL',
            message:
              '10 of 10 burn records unacknowledged; new leases refused until the coordinator acks',
          },
        ],
      }),
    );
    book.evaluate();
    expect(book.list('active').map((a) => [a.id, a.message])).toEqual([
      [
        'outbox_near_full:small',
        'OUTBOX_FULL: 10 of 10 burn records unacknowledged; new leases refused until the coordinator acks',
      ],
    ]);
    // A hook error that merely mentions the outbox is a hook error.
    reg.applyTelemetry(
      new pb.Telemetry({
        site_id: 'big',
        outbox_depth: 95_000,
        hook_errors: [{ hook: 'outbox', code: 'DISK_SLOW', message: 'fsync took 3 s' }],
      }),
    );
    book.evaluate();
    expect(
      book
        .list('active')
        .map((a) => a.id)
        .sort(),
    ).toEqual(['hook_errors:big', 'outbox_near_full:small']);
  });

  it('clears every alert of a site that leaves the registry (revoked), run counts and bad messages too', () => {
    const now = 10_000;
    const reg = new FleetRegistry(
      { telemetryStaleMs: 5000, offlineAfterMs: 15000 },
      0.3,
      () => now,
    );
    reg.upsertEnrolled({ siteId: 'gone' });
    reg.upsertEnrolled({ siteId: 'kept' });
    const book = new AlertBook(reg, SETTINGS, () => now);
    for (const id of ['gone', 'kept']) {
      book.noteBadMessage(id, 'telemetry', 'decode');
      book.noteReport(report(id, { tampered: 1 }));
    }
    book.evaluate();
    const kinds = (siteId: string) =>
      book
        .list('active')
        .filter((a) => a.siteId === siteId)
        .map((a) => a.kind)
        .sort();
    expect(kinds('gone')).toEqual(['bad_messages', 'recon_tampered']);
    expect(reg.remove('gone')).toBe(true);
    book.evaluate();
    expect(kinds('gone')).toEqual([]);
    expect(kinds('kept')).toEqual(['bad_messages', 'recon_tampered']);
    expect(
      book
        .list('resolved')
        .filter((a) => a.siteId === 'gone')
        .map((a) => a.kind)
        .sort(),
    ).toEqual(['bad_messages', 'recon_tampered']);
  });

  it("raises the agent's full-disk outbox alarm (OUTBOX_DISK_FULL) as its outbox alert", () => {
    expect(isOutboxAlarm({ hook: 'outbox', code: 'OUTBOX_DISK_FULL' })).toBe(true);
    expect(isOutboxAlarm({ hook: 'nvidia-smi', code: 'OUTBOX_DISK_FULL' })).toBe(false);
  });
});
