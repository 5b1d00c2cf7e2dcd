import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

interface Chart {
  timeTicks(t0: number, t1: number): number[];
  valueTicks(hi: number): number[];
}

/** The page's chart script, run as the browser runs it (a plain script defining a global). */
function browserChart(): Chart {
  const src = readFileSync(new URL('./static/chart.js', import.meta.url), 'utf8');
  const ctx: { EdgefleetChart?: Chart } = {};
  runInNewContext(src, { globalThis: ctx, Date, Math, Number, String });
  if (!ctx.EdgefleetChart) throw new Error('chart.js defined no EdgefleetChart');
  return ctx.EdgefleetChart;
}

describe('NOC line charts (static/chart.js)', () => {
  const chart = browserChart();
  const MIN = 60_000;

  it('puts time ticks on whole local minutes, about five across the window', () => {
    const t1 = Date.UTC(2026, 11, 6, 18, 37, 12);
    const hour = chart.timeTicks(t1 - 60 * MIN, t1);
    const off = new Date(t1).getTimezoneOffset() * MIN;
    expect(hour.length).toBeGreaterThanOrEqual(4);
    expect(hour.length).toBeLessThanOrEqual(6);
    for (const t of hour) {
      expect((t - off) % (10 * MIN)).toBe(0); // 10-minute steps over an hour: 17:40, 17:50, …
      expect(t).toBeGreaterThanOrEqual(t1 - 60 * MIN);
      expect(t).toBeLessThanOrEqual(t1);
    }
    const short = chart.timeTicks(t1 - 5 * MIN, t1);
    expect(short.every((t) => (t - off) % MIN === 0)).toBe(true);
    expect(short.length).toBeGreaterThanOrEqual(4);
  });

  it('runs the value axis from 0 to a round number at or above the largest value', () => {
    expect(chart.valueTicks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(chart.valueTicks(86)).toEqual([0, 25, 50, 75, 100]);
    expect(chart.valueTicks(7.3)).toEqual([0, 2, 4, 6, 8]);
    expect(chart.valueTicks(0)).toEqual([0, 0.25, 0.5, 0.75, 1]); // nothing but zeros: still an axis
  });
});
