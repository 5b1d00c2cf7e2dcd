import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listManifests, readManifest, resolveModelFile } from './manifest.js';
import { SHIPPED_MODEL_DIR } from './onnx-backend.js';

const dir = mkdtempSync(join(tmpdir(), 'onnx-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('model manifests', () => {
  it('every shipped manifest parses and its file resolves inside the installed package', async () => {
    const paths = await listManifests(SHIPPED_MODEL_DIR);
    expect(paths.map((p) => p.split('/').at(-2))).toEqual(['ppocr-cls', 'ppocr-det', 'ppocr-rec']);
    for (const p of paths) {
      const { manifest } = await readManifest(p);
      expect(resolveModelFile(p, manifest.file)).toMatch(
        /node_modules\/@gutenye\/ocr-models\/assets\/.*\.onnx$/,
      );
    }
  });

  it('resolves npm: paths from the nearest node_modules up, and plain paths from the manifest folder', () => {
    mkdirSync(join(dir, 'node_modules', '@acme', 'models', 'w'), { recursive: true });
    mkdirSync(join(dir, 'models', 'm1'), { recursive: true });
    const manifest = join(dir, 'models', 'm1', 'manifest.json');
    expect(resolveModelFile(manifest, 'npm:@acme/models/w/a.onnx')).toBe(
      join(dir, 'node_modules', '@acme', 'models', 'w', 'a.onnx'),
    );
    expect(resolveModelFile(manifest, 'model.onnx')).toBe(join(dir, 'models', 'm1', 'model.onnx'));
    expect(resolveModelFile(manifest, '/srv/m.onnx')).toBe('/srv/m.onnx');
  });

  it('refuses a malformed manifest with MODEL_MANIFEST_INVALID naming the field', async () => {
    mkdirSync(join(dir, 'bad'), { recursive: true });
    const p = join(dir, 'bad', 'manifest.json');
    writeFileSync(
      p,
      JSON.stringify({
        name: 'bad',
        version: '1',
        file: 'm.onnx',
        sha256: 'xyz',
        inputs: [],
        outputs: [],
        limits: { maxInputBytes: 1 },
        executionProviders: ['cpu'],
      }),
    );
    await expect(readManifest(p)).rejects.toMatchObject({
      code: 'MODEL_MANIFEST_INVALID',
      message: expect.stringMatching(/sha256: .*inputs: /) as unknown,
    });
    writeFileSync(p, '{ not json');
    await expect(readManifest(p)).rejects.toMatchObject({ code: 'MODEL_MANIFEST_INVALID' });
  });

  it('refuses a warm-up shape that the declared shape does not allow', async () => {
    mkdirSync(join(dir, 'warm'), { recursive: true });
    const p = join(dir, 'warm', 'manifest.json');
    writeFileSync(
      p,
      JSON.stringify({
        name: 'warm',
        version: '1',
        file: 'm.onnx',
        sha256: 'a'.repeat(64),
        limits: { maxInputBytes: 1 },
        executionProviders: ['cpu'],
        inputs: [{ name: 'x', datatype: 'FP32', shape: [1, 3, -1], warmupShape: [1, 4, 8] }],
        outputs: [{ name: 'y', datatype: 'FP32', shape: [-1] }],
      }),
    );
    await expect(readManifest(p)).rejects.toMatchObject({
      code: 'MODEL_MANIFEST_INVALID',
      message: expect.stringMatching(/inputs\.0\.warmupShape/) as unknown,
    });
  });
});
