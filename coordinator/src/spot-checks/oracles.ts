import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CANARY_INPUTS, ECHO_WORDS, type CanaryTensor } from './canary-input.js';
import { SpotCheckFixtureError } from './errors.js';

/** The part of an InferResponse an oracle judges. */
export interface CanaryAnswer {
  output: string;
  outputs: { name: string; datatype: string; shape: number[]; raw_contents: Uint8Array }[];
}

/** One canary: what to send, and how to tell the right answer. */
export interface Canary {
  input: string;
  maxOutputTokens: number;
  tensors: CanaryTensor[];
  outputNames: string[];
  /** undefined = right; otherwise why it is wrong (for the log and the NOC). */
  wrong(answer: CanaryAnswer): string | undefined;
}

export interface Oracle {
  next(random: () => number): Canary;
}

/**
 * The simulated backend's answer is deterministic: `[model] ` then the input's words, repeated in
 * order, as many as the agent's output length allows (at most maxOutputTokens). Anything else is
 * not what that backend computes. For fleets of simulated sites (tests, the demo): a real model
 * answers otherwise, so it is never a default.
 */
export function echoOracle(model: string): Oracle {
  return {
    next(random) {
      const n = 3 + Math.floor(random() * 4);
      const words = Array.from(
        { length: n },
        () => ECHO_WORDS[Math.floor(random() * ECHO_WORDS.length)] ?? 'frame',
      );
      return {
        input: words.join(' '),
        maxOutputTokens: n,
        tensors: [],
        outputNames: [],
        wrong(a) {
          const prefix = `[${model}] `;
          if (!a.output.startsWith(prefix)) return 'echo: model prefix missing';
          const got = a.output.slice(prefix.length).split(' ');
          if (got.length < 1 || got.length > n) return `echo: ${got.length} words for ${n}`;
          const bad = got.findIndex((w, i) => w !== words[i % n]);
          return bad >= 0 ? `echo: word ${bad} is "${got[bad] ?? ''}"` : undefined;
        },
      };
    },
  };
}

const fixtureSchema = z.object({
  model: z.string().min(1),
  /** The model file's sha256 the answers were computed with (from its manifest). */
  modelSha256: z.string().regex(/^[0-9a-f]{64}$/),
  generator: z.string().min(1),
  /** Largest allowed |got − expected| per element (CPU and CUDA differ in the last digits). */
  tolerance: z.number().positive(),
  cases: z
    .array(
      z.object({
        seed: z.number().int().nonnegative(),
        outputs: z
          .array(
            z.object({
              name: z.string().min(1),
              shape: z.array(z.number().int().nonnegative()),
              values: z.array(z.number()),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});
export type SpotCheckFixture = z.infer<typeof fixtureSchema>;

/** The shipped fixture of a model (coordinator/src/spot-checks/fixtures/<model>.json). */
export function loadFixture(model: string, dir = fixturesDir()): SpotCheckFixture {
  const file = `${dir}/${model}.json`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SpotCheckFixtureError(`spot-check fixture ${file} cannot be read`, { file }, err);
  }
  const r = fixtureSchema.safeParse(parsed);
  if (!r.success)
    throw new SpotCheckFixtureError(`spot-check fixture ${file} is invalid`, { file }, r.error);
  if (!CANARY_INPUTS[r.data.generator])
    throw new SpotCheckFixtureError(`spot-check fixture ${file}: unknown generator`, {
      file,
      generator: r.data.generator,
    });
  return r.data;
}

export const fixturesDir = (): string => fileURLToPath(new URL('./fixtures', import.meta.url));

const f32 = (b: Uint8Array): Float32Array => {
  const copy = new Uint8Array(b); // aligned
  return new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4));
};

/** Known inputs whose outputs the real model computed once (the fixture), compared within its tolerance. */
export function fixtureOracle(fx: SpotCheckFixture): Oracle {
  const make = CANARY_INPUTS[fx.generator] as (seed: number) => CanaryTensor;
  return {
    next(random) {
      const c =
        fx.cases[Math.floor(random() * fx.cases.length)] ??
        (fx.cases[0] as SpotCheckFixture['cases'][number]);
      return {
        input: '',
        maxOutputTokens: 0,
        tensors: [make(c.seed)],
        outputNames: c.outputs.map((o) => o.name),
        wrong(a) {
          for (const exp of c.outputs) {
            const got = a.outputs.find((o) => o.name === exp.name);
            if (!got) return `${exp.name}: missing`;
            if (got.datatype !== 'FP32') return `${exp.name}: datatype ${got.datatype}`;
            if (got.shape.join('x') !== exp.shape.join('x'))
              return `${exp.name}: shape ${got.shape.join('x')}, expected ${exp.shape.join('x')}`;
            const v = f32(got.raw_contents);
            if (v.length !== exp.values.length) return `${exp.name}: ${v.length} values`;
            for (let i = 0; i < v.length; i++) {
              const d = Math.abs((v[i] as number) - (exp.values[i] as number));
              if (!(d <= fx.tolerance)) return `${exp.name}[${i}] off by ${d}`;
            }
          }
          return undefined;
        },
      };
    },
  };
}
