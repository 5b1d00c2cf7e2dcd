import { describe, expect, it } from 'vitest';
import { ocrCropV1 } from './canary-input.js';
import { echoOracle, fixtureOracle, loadFixture, type CanaryAnswer } from './oracles.js';

const noTensors = (output: string): CanaryAnswer => ({ output, outputs: [] });
let seed = 11;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

describe('echoOracle', () => {
  it("accepts the simulated backend's answer, whatever its output length, and nothing else", () => {
    const o = echoOracle('llama');
    for (let i = 0; i < 50; i++) {
      const c = o.next(rnd);
      const words = c.input.split(' ');
      expect(c.maxOutputTokens).toBe(words.length);
      expect(c.wrong(noTensors(`[llama] ${words.join(' ')}`))).toBeUndefined();
      expect(c.wrong(noTensors(`[llama] ${words.slice(0, 2).join(' ')}`))).toBeUndefined();
      expect(c.wrong(noTensors(`[llama] ${[...words.slice(0, -1), 'tok'].join(' ')}`))).toMatch(
        /word/,
      );
      expect(c.wrong(noTensors(`[other] ${words.join(' ')}`))).toMatch(/prefix/);
      expect(c.wrong(noTensors(`[llama] ${[...words, ...words].join(' ')}`))).toMatch(/words/);
    }
  });
});

describe('fixtureOracle (ppocr-cls, computed once from the real model)', () => {
  const fx = loadFixture('ppocr-cls');
  const answer = (values: number[], name = 'softmax_0.tmp_0'): CanaryAnswer => ({
    output: '',
    outputs: [
      {
        name,
        datatype: 'FP32',
        shape: [1, 2],
        raw_contents: new Uint8Array(new Float32Array(values).buffer),
      },
    ],
  });

  it('ships cases of both classes', () => {
    const upright = fx.cases.filter((c) => (c.outputs[0]?.values[0] ?? 0) > 0.5).length;
    expect(upright).toBeGreaterThan(0);
    expect(upright).toBeLessThan(fx.cases.length);
  });

  it('sends the seeded crop and accepts the fixture answer within tolerance, nothing else', () => {
    const o = fixtureOracle(fx);
    for (let i = 0; i < 20; i++) {
      const c = o.next(rnd);
      const tensor = c.tensors[0];
      const match = fx.cases.find(
        (k) =>
          Buffer.compare(
            Buffer.from(ocrCropV1(k.seed).raw_contents),
            Buffer.from(tensor?.raw_contents ?? []),
          ) === 0,
      );
      expect(match).toBeDefined();
      const exp = match?.outputs[0]?.values ?? [];
      expect(c.wrong(answer(exp))).toBeUndefined();
      expect(c.wrong(answer(exp.map((v) => v + fx.tolerance / 2)))).toBeUndefined();
      // The other class (a site that guesses, or runs another model) is wrong.
      expect(c.wrong(answer([exp[1] ?? 0, exp[0] ?? 0]))).toBeDefined();
      expect(c.wrong(answer(exp, 'other'))).toMatch(/missing/);
      expect(c.wrong(answer([...exp, 0]))).toBeDefined();
    }
  });
});
