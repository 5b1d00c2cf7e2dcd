/**
 * Computes the spot-check fixtures once from the real model (coordinator/src/spot-checks/fixtures/):
 * for each seed, the canary input the coordinator will send (the fixture's generator) and the
 * outputs ONNX Runtime gives for it on the CPU. Run again only when a model or a generator changes:
 *   node --conditions=source --import tsx scripts/spot-check-fixtures.ts [ppocr-cls]
 * test/verification/spot-check-fixtures.test.ts checks the shipped fixtures against the model.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { canaryInputs, fixturesDir } from '@edgefleet/coordinator';

const root = fileURLToPath(new URL('..', import.meta.url));
const SEEDS = Array.from({ length: 16 }, (_, i) => 1000 + i * 7919);

interface Manifest {
  file: string;
  sha256: string;
  outputs: { name: string }[];
}

/** The model file a shipped manifest names (`npm:` paths resolved as the agent does). */
export function modelFile(model: string): { path: string; manifest: Manifest } {
  const dir = join(root, 'agent/models', model);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  // npm:@scope/pkg/sub/path: the file inside the installed package (its `exports` may not list it).
  const m = /^npm:((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(manifest.file);
  const path = m ? join(root, 'node_modules', m[1] ?? '', m[2] ?? '') : join(dir, manifest.file);
  return { path, manifest };
}

/** The outputs of the real model for one canary seed. */
export async function runModel(
  session: ort.InferenceSession,
  generator: string,
  seed: number,
): Promise<{ name: string; shape: number[]; values: number[] }[]> {
  const make = canaryInputs[generator];
  if (!make) throw new Error(`unknown generator ${generator}`);
  const t = make(seed);
  const data = new Float32Array(new Uint8Array(t.raw_contents).buffer);
  const out = await session.run({ [t.name]: new ort.Tensor('float32', data, t.shape) });
  return session.outputNames.map((name) => {
    const o = out[name] as ort.Tensor;
    return { name, shape: [...o.dims], values: [...(o.data as Float32Array)] };
  });
}

async function main(): Promise<void> {
  const models = process.argv.slice(2);
  for (const model of models.length ? models : ['ppocr-cls']) {
    const { path, manifest } = modelFile(model);
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    if (sha !== manifest.sha256) throw new Error(`${model}: ${path} does not match its manifest`);
    const session = await ort.InferenceSession.create(path, { executionProviders: ['cpu'] });
    const generator = 'ocr-crop-v1';
    const cases = [];
    for (const seed of SEEDS)
      cases.push({ seed, outputs: await runModel(session, generator, seed) });
    const fixture = { model, modelSha256: sha, generator, tolerance: 0.002, cases };
    const file = join(fixturesDir(), `${model}.json`);
    writeFileSync(file, `${JSON.stringify(fixture, null, 1)}\n`);
    console.log(`${file}: ${cases.length} cases`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
