import { describe, expect, it } from 'vitest';
import { chainBurn } from './burn-chain.js';
import {
  BURN_RECORD_LIMITS,
  checkBurnFields,
  checkBurnRecord,
  isHex64,
  type BurnRejectReason,
} from './burn-record-schema.js';

const good = chainBurn(undefined, {
  site_id: 'site-a',
  lease_id: 'l-1',
  accelerator_model: 'H100',
  accelerator_serial: 'SN1',
  slot: 'gpu0',
  started_at_ms: 1_000,
  ended_at_ms: 2_000,
  micro_tokens: 10,
});

describe('the burn-record schema', () => {
  it('accepts a well-formed record of the batch site and copies only its fields', () => {
    expect(checkBurnRecord(good, 'site-a')).toEqual({ ok: true, record: good });
    const r = checkBurnRecord({ ...good, extra: 'x' }, 'site-a');
    expect(r.ok && Object.keys(r.record)).not.toContain('extra');
  });

  it('accepts every field at its limit and empty labels', () => {
    const L = BURN_RECORD_LIMITS;
    const edge = {
      ...good,
      lease_id: 'l'.repeat(L.leaseIdMaxChars),
      accelerator_model: 'm'.repeat(L.acceleratorModelMaxChars),
      accelerator_serial: '',
      slot: 's'.repeat(L.slotMaxChars),
      micro_tokens: Number.MAX_SAFE_INTEGER,
    };
    expect(checkBurnRecord(edge, 'site-a').ok).toBe(true);
  });

  it.each<[string, unknown, BurnRejectReason]>([
    ['no object at all', 42, 'not_an_object'],
    ['an array', [good], 'not_an_object'],
    ['an empty site id', { ...good, site_id: '' }, 'bad_site_id'],
    ['another site', { ...good, site_id: 'site-b' }, 'wrong_site'],
    ['a zero seq', { ...good, seq: 0 }, 'bad_seq'],
    ['a string seq', { ...good, seq: '1' }, 'bad_seq'],
    ['an empty lease id', { ...good, lease_id: '' }, 'bad_lease_id'],
    [
      'a lease id one over the limit',
      { ...good, lease_id: 'l'.repeat(BURN_RECORD_LIMITS.leaseIdMaxChars + 1) },
      'bad_lease_id',
    ],
    [
      'a model one over the limit',
      { ...good, accelerator_model: 'm'.repeat(BURN_RECORD_LIMITS.acceleratorModelMaxChars + 1) },
      'bad_accelerator_model',
    ],
    ['a serial that is a number', { ...good, accelerator_serial: 7 }, 'bad_accelerator_serial'],
    [
      'a slot one over the limit',
      { ...good, slot: 's'.repeat(BURN_RECORD_LIMITS.slotMaxChars + 1) },
      'bad_slot',
    ],
    ['a negative start', { ...good, started_at_ms: -1 }, 'bad_started_at'],
    ['a fractional end', { ...good, ended_at_ms: 2_000.5 }, 'bad_ended_at'],
    ['an end before the start', { ...good, ended_at_ms: 999 }, 'ends_before_start'],
    ['a fractional amount', { ...good, micro_tokens: 1.5 }, 'bad_micro_tokens'],
    ['an amount beyond 2^53', { ...good, micro_tokens: 2 ** 53 }, 'bad_micro_tokens'],
    ['an uppercase prev_hash', { ...good, prev_hash: 'A'.repeat(64) }, 'bad_prev_hash'],
    ['a short hash', { ...good, hash: 'abc' }, 'bad_hash'],
  ])('refuses %s as %s', (_what, raw, reason) => {
    const check = checkBurnRecord(raw, 'site-a');
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.reason).toBe(reason);
      expect(check.problem.startsWith(`${check.field}: `)).toBe(true);
    }
  });

  it('takes an optional MIG instance, copying it only when non-empty', () => {
    const mig = 'MIG-4b1c6f5e-2a3d-5e6f-8a9b-0c1d2e3f4a5b';
    const pinned = chainBurn(undefined, {
      site_id: 'site-a',
      lease_id: 'l-1',
      accelerator_model: 'H100',
      accelerator_serial: 'SN1',
      slot: 'mig-1g.10gb-3',
      started_at_ms: 1_000,
      ended_at_ms: 2_000,
      micro_tokens: 10,
      mig_instance_uuid: mig,
    });
    expect(checkBurnRecord(pinned, 'site-a')).toEqual({ ok: true, record: pinned });
    const empty = checkBurnRecord({ ...good, mig_instance_uuid: '' }, 'site-a');
    expect(empty).toEqual({ ok: true, record: good });
    expect(empty.ok && Object.keys(empty.record)).not.toContain('mig_instance_uuid');
    const L = BURN_RECORD_LIMITS.migInstanceUuidMaxChars;
    expect(checkBurnRecord({ ...good, mig_instance_uuid: 'm'.repeat(L) }, 'site-a').ok).toBe(true);
    for (const bad of ['m'.repeat(L + 1), 7, null])
      expect(checkBurnRecord({ ...good, mig_instance_uuid: bad }, 'site-a')).toMatchObject({
        ok: false,
        reason: 'bad_mig_instance_uuid',
        field: 'mig_instance_uuid',
      });
  });

  it('checks the producer fields alone with the same rules (the agent outbox)', () => {
    const {
      lease_id,
      accelerator_model,
      accelerator_serial,
      slot,
      started_at_ms,
      ended_at_ms,
      micro_tokens,
    } = good;
    const fields = {
      lease_id,
      accelerator_model,
      accelerator_serial,
      slot,
      started_at_ms,
      ended_at_ms,
      micro_tokens,
    };
    expect(checkBurnFields(fields)).toBeUndefined();
    expect(
      checkBurnFields({ ...fields, lease_id: 'l'.repeat(BURN_RECORD_LIMITS.leaseIdMaxChars + 1) })
        ?.reason,
    ).toBe('bad_lease_id');
    expect(checkBurnFields({ ...fields, micro_tokens: -1 })?.reason).toBe('bad_micro_tokens');
  });

  it('tells 64 lowercase hex digits from anything else', () => {
    expect(isHex64('0'.repeat(64))).toBe(true);
    expect(isHex64('g'.repeat(64))).toBe(false);
    expect(isHex64('0'.repeat(63))).toBe(false);
    expect(isHex64(undefined)).toBe(false);
  });
});
