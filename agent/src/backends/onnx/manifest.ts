import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { DATATYPE_NAMES } from './dtypes.js';
import {
  ModelFileMissingError,
  ModelHashMismatchError,
  ModelManifestInvalidError,
} from './errors.js';

const tensorSpec = z
  .object({
    name: z.string().min(1),
    datatype: z.enum(DATATYPE_NAMES),
    /** -1 = any size in that dimension; every other value must be matched exactly. */
    shape: z.array(z.number().int().min(-1)).max(8),
    /** Shape of the zero tensor fed at warm-up (inputs only); default: the shape with -1 → 1. */
    warmupShape: z.array(z.number().int().positive()).max(8).optional(),
  })
  .strict();

export type TensorSpec = z.infer<typeof tensorSpec>;

export const EXECUTION_PROVIDERS = ['cuda', 'cpu'] as const;
export type ExecutionProvider = (typeof EXECUTION_PROVIDERS)[number];

/** One model: agent/src/backends/onnx/README.md has the format with an example. */
export const modelManifestSchema = z
  .object({
    /** The model name leases and requests use. */
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/),
    version: z.string().min(1).max(64),
    /** The .onnx file: relative to the manifest's folder, absolute, or `npm:<package>/<path>` inside an installed package. */
    file: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256 of the file'),
    inputs: z.array(tensorSpec).min(1),
    outputs: z.array(tensorSpec).min(1),
    limits: z
      .object({
        /** All input tensors of one request together, in bytes. */
        maxInputBytes: z.number().int().positive(),
      })
      .strict(),
    /** Where the model may run: a model that is only proven on CUDA is not loaded on a CPU-only site. */
    executionProviders: z.array(z.enum(EXECUTION_PROVIDERS)).min(1),
  })
  .strict()
  .superRefine((m, ctx) => {
    for (const [i, t] of m.inputs.entries()) {
      if (
        t.warmupShape &&
        (t.warmupShape.length !== t.shape.length ||
          t.warmupShape.some((d, j) => t.shape[j] !== -1 && t.shape[j] !== d))
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['inputs', i, 'warmupShape'],
          message: `must be a concrete instance of shape [${t.shape.join(',')}]`,
        });
      }
    }
  });

export type ModelManifest = z.infer<typeof modelManifestSchema>;

export interface ManifestEntry {
  /** Where the manifest was read from. */
  path: string;
  manifest: ModelManifest;
}

/** Reads every `<modelDir>/<folder>/manifest.json` (sorted by folder name); a malformed one throws. */
export async function readManifest(path: string): Promise<ManifestEntry> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new ModelManifestInvalidError(path, (err as Error).message);
  }
  const r = modelManifestSchema.safeParse(raw);
  if (!r.success)
    throw new ModelManifestInvalidError(
      path,
      r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    );
  return { path, manifest: r.data };
}

/** The manifest paths under a model directory: one folder per model, each with a manifest.json. */
export async function listManifests(modelDir: string): Promise<string[]> {
  const entries = await readdir(modelDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => join(modelDir, e.name, 'manifest.json'))
    .filter((p) => existsSync(p))
    .sort();
}

/**
 * Resolves a manifest's `file`. `npm:@scope/pkg/sub/path` is looked up the way Node finds a
 * package (node_modules in the manifest's folder, then each parent), but by folder: model packages
 * often restrict `exports`, so require.resolve would refuse a path that is plainly installed.
 */
export function resolveModelFile(manifestPath: string, file: string): string {
  const base = dirname(manifestPath);
  if (!file.startsWith('npm:')) return isAbsolute(file) ? file : resolve(base, file);
  const spec = file.slice(4);
  const parts = spec.split('/');
  const nameLen = spec.startsWith('@') ? 2 : 1;
  const pkg = parts.slice(0, nameLen).join('/');
  const sub = parts.slice(nameLen).join('/');
  for (let d = resolve(base); ; d = dirname(d)) {
    const root = join(d, 'node_modules', pkg);
    if (existsSync(root)) return join(root, sub);
    if (dirname(d) === d) return join(base, 'node_modules', pkg, sub);
  }
}

/** Reads the model file and checks it against the manifest's SHA-256; the bytes returned are the bytes checked. */
export async function readVerifiedModel(
  entry: ManifestEntry,
): Promise<{ file: string; bytes: Uint8Array }> {
  const { manifest } = entry;
  const file = resolveModelFile(entry.path, manifest.file);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new ModelFileMissingError(manifest.name, file);
    throw err;
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== manifest.sha256)
    throw new ModelHashMismatchError(manifest.name, file, manifest.sha256, actual);
  return { file, bytes };
}
