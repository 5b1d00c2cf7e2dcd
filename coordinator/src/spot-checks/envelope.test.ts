import { describe, expect, it } from 'vitest';
import { billedComputeMs, envelopeMs, missesEnvelope } from './envelope.js';
import { spotCheckSettingsSchema } from './settings.js';

const s = spotCheckSettingsSchema.parse({
  slack: 4,
  fixedMs: 5,
  envelopes: [{ model: 'ppocr-cls', profileId: 'rtx-4090', maxMs: 30 }],
});
const cls = { model: 'ppocr-cls', referenceMs: 2 };
const h100 = { multiplier: 1, slotFraction: 1, profileIds: ['h100-80gb-sxm', 'nvidia'] };

describe('envelopeMs', () => {
  it('scales the reference time by the claimed device and slot', () => {
    expect(envelopeMs(cls, h100, s)).toBe(2 * 4 + 5);
    // A 910B at 0.7 of an H100 gets more time; a MIG 1g slice (1/7) more again.
    expect(envelopeMs(cls, { ...h100, multiplier: 0.7 }, s)).toBeCloseTo((2 / 0.7) * 4 + 5, 9);
    expect(envelopeMs(cls, { ...h100, slotFraction: 1 / 7 }, s)).toBeCloseTo(2 * 7 * 4 + 5, 9);
  });

  it('takes the operator override for a (model, profile)', () => {
    expect(envelopeMs(cls, { ...h100, profileIds: ['rtx-4090', 'nvidia'] }, s)).toBe(30);
    expect(
      envelopeMs({ model: 'other', referenceMs: 1 }, { ...h100, profileIds: ['rtx-4090'] }, s),
    ).toBe(9);
  });
});

describe('billedComputeMs', () => {
  it('is at least what the µT stand for (half a µT of rounding taken off)', () => {
    // 300 ms on a whole H100: 83.3 µT → 83 µT billed → at least 297 ms.
    expect(billedComputeMs({ microTokens: 83, computeMs: 2 }, h100)).toBeCloseTo(82.5 * 3.6, 9);
    // The minimum 1 µT proves nothing beyond "short".
    expect(billedComputeMs({ microTokens: 1, computeMs: 1.5 }, h100)).toBe(1.5);
    // The reported compute counts when it is the larger.
    expect(billedComputeMs({ microTokens: 1, computeMs: 40 }, h100)).toBe(40);
  });
});

describe('missesEnvelope', () => {
  it('misses on billed compute beyond the envelope, or on wall time beyond it plus the allowance', () => {
    expect(missesEnvelope({ billedMs: 12, wallMs: 200, envelopeMs: 13 }, 250)).toBe(false);
    expect(missesEnvelope({ billedMs: 14, wallMs: 20, envelopeMs: 13 }, 250)).toBe(true);
    expect(missesEnvelope({ billedMs: 1, wallMs: 264, envelopeMs: 13 }, 250)).toBe(true);
  });
});
