import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '@edgefleet/coordinator';
import { modelFile, runModel } from '../../scripts/spot-check-fixtures.js';

/**
 * The spot-check fixtures are what the real model answers: each shipped case's input (its seed,
 * through its generator) run through ONNX Runtime here gives the fixture's outputs within its
 * tolerance, and the model file is the one the fixture was computed with.
 */
describe('spot-check fixtures match the shipped models', () => {
  it.each(['ppocr-cls'])(
    '%s',
    async (model) => {
      const fx = loadFixture(model);
      const { path, manifest } = modelFile(model);
      expect(fx.modelSha256).toBe(manifest.sha256);
      expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(fx.modelSha256);
      const session = await ort.InferenceSession.create(path, { executionProviders: ['cpu'] });
      try {
        for (const c of fx.cases) {
          const got = await runModel(session, fx.generator, c.seed);
          expect(got.map((o) => o.name)).toEqual(c.outputs.map((o) => o.name));
          for (const [i, o] of got.entries()) {
            const exp = c.outputs[i];
            expect(o.shape).toEqual(exp?.shape);
            o.values.forEach((v, j) =>
              expect(Math.abs(v - (exp?.values[j] ?? NaN))).toBeLessThanOrEqual(fx.tolerance),
            );
          }
        }
      } finally {
        await session.release();
      }
    },
    120_000,
  );
});
