import { describe, expect, it } from 'vitest';
import { PeakEwma } from './peak-ewma.js';

const opts = { decayMs: 1_000, initialLatencyMs: 50, failurePenaltyMs: 500, errorDecayMs: 1_000 };

describe('PeakEwma', () => {
  it('uses the prior until the first sample, which then replaces it', () => {
    const e = new PeakEwma(0, opts);
    expect(e.hasSample).toBe(false);
    expect(e.latencyMs(5_000)).toBe(50); // the prior does not decay
    e.start();
    e.success(10, 0);
    expect(e.hasSample).toBe(true);
    expect(e.latencyMs(0)).toBe(10);
  });

  it('jumps to a peak at once and decays toward lower samples with time', () => {
    const e = new PeakEwma(0, opts);
    e.start();
    e.success(10, 0);
    e.start();
    e.success(200, 10);
    expect(e.latencyMs(10)).toBe(200); // peak
    e.start();
    e.success(10, 10 + 1_000); // one time constant later: weight e^-1 on the old value
    expect(e.latencyMs(1_010)).toBeCloseTo(200 * Math.exp(-1) + 10 * (1 - Math.exp(-1)), 9);
    e.start();
    e.success(10, 1_010); // no time elapsed: a lower sample has no weight yet
    expect(e.latencyMs(1_010)).toBeCloseTo(200 * Math.exp(-1) + 10 * (1 - Math.exp(-1)), 9);
  });

  it('decays while idle (Linkerd/Finagle decay toward zero)', () => {
    const e = new PeakEwma(0, opts);
    e.start();
    e.success(100, 0);
    expect(e.latencyMs(1_000)).toBeCloseTo(100 * Math.exp(-1), 9);
    expect(e.latencyMs(-5)).toBe(100); // a clock going backwards never inflates the estimate
  });

  it('multiplies the latency by in-flight requests + 1', () => {
    const e = new PeakEwma(0, opts);
    e.start();
    e.success(20, 0);
    expect(e.score(0)).toBe(20);
    e.start();
    e.start();
    expect(e.pending).toBe(2);
    expect(e.score(0)).toBe(60);
    e.discard();
    e.discard();
    e.discard(); // never below zero
    expect(e.pending).toBe(0);
  });

  it('adds a fading penalty per recent failure, halved by each success', () => {
    const e = new PeakEwma(0, opts);
    e.start();
    e.success(10, 0);
    e.start();
    e.failure(0);
    expect(e.errorScore(0)).toBe(1);
    expect(e.score(0)).toBe(10 + 500);
    e.start();
    e.failure(0);
    expect(e.errorScore(0)).toBe(2);
    expect(e.errorScore(1_000)).toBeCloseTo(2 * Math.exp(-1), 9);
    e.start();
    e.success(10, 1_000);
    expect(e.errorScore(1_000)).toBeCloseTo(Math.exp(-1), 9);
  });

  it('treats a timeout as a latency lower bound and an abandoned request as one too', () => {
    const e = new PeakEwma(0, opts);
    e.start();
    e.success(5, 0);
    e.start();
    e.failure(0, 300);
    expect(e.latencyMs(0)).toBe(300);
    const f = new PeakEwma(0, opts);
    f.start();
    f.success(5, 0);
    f.start();
    f.abandon(80, 0);
    expect(f.latencyMs(0)).toBe(80);
    expect(f.errorScore(0)).toBe(0);
  });

  it('ranks a failing fast site behind a healthy slower one, and a hung one behind both', () => {
    const fast = new PeakEwma(0, opts);
    const slow = new PeakEwma(0, opts);
    const hung = new PeakEwma(0, opts);
    fast.start();
    fast.success(2, 0);
    fast.start();
    fast.failure(1);
    slow.start();
    slow.success(30, 0);
    hung.start();
    hung.success(2, 0);
    hung.start();
    hung.failure(300, 300);
    expect(slow.score(300)).toBeLessThan(fast.score(300));
    expect(fast.score(300)).toBeLessThan(hung.score(300));
  });

  it('rejects nonsense options', () => {
    expect(() => new PeakEwma(0, { decayMs: 0 })).toThrow(RangeError);
    expect(() => new PeakEwma(0, { failurePenaltyMs: -1 })).toThrow(RangeError);
    expect(() => new PeakEwma(0, { initialLatencyMs: Number.NaN })).toThrow(RangeError);
  });
});
