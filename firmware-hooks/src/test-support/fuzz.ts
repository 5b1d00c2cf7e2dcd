import fc from 'fast-check';
import { expect } from 'vitest';
import { HookParseError } from '../errors.js';
import { validateHal } from '../hal.js';
import type { HalAccelerator } from '../types.js';

/** Garbage near real output: slices, insertions, dropped/duplicated lines, digits swapped for letters. */
function mutated(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.nat(),
      fc.nat(),
      fc.string({ maxLength: 20 }),
      fc.integer({ min: 0, max: 4 }),
    )
    .map(([s, a, b, ins, kind]) => {
      const i = s.length ? a % s.length : 0;
      const j = s.length ? b % s.length : 0;
      const ls = s.split('\n');
      const k = ls.length ? a % ls.length : 0;
      switch (kind) {
        case 0:
          return s.slice(0, Math.min(i, j)) + ins + s.slice(Math.max(i, j));
        case 1:
          return ls.filter((_, n) => n !== k).join('\n');
        case 2:
          return [...ls.slice(0, k), ls[k] ?? '', ...ls.slice(k)].join('\n');
        case 3:
          return s.replace(/\d/g, (d) => (Number(d) % 2 ? 'x' : d));
        default:
          return s.slice(0, i);
      }
    });
}

/**
 * Property: on any input the parser returns valid HAL accelerators or throws HookParseError
 * naming the hook — never another exception.
 */
export function fuzzParser(
  hook: string,
  parse: (text: string) => HalAccelerator[],
  seeds: readonly string[],
  numRuns = 300,
): void {
  const input = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.json({ maxDepth: 3 }),
    mutated(seeds),
    mutated(seeds),
  );
  fc.assert(
    fc.property(input, (text) => {
      let out: HalAccelerator[];
      try {
        out = parse(text);
      } catch (err) {
        if (!(err instanceof HookParseError)) throw err;
        expect(err.hook).toBe(hook);
        return;
      }
      expect(Array.isArray(out)).toBe(true);
      for (const a of out) expect(validateHal(a)).toEqual([]);
    }),
    { numRuns },
  );
}
