/** A small seeded PRNG (mulberry32): the same seed gives the same canary everywhere, forever. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CanaryTensor {
  name: string;
  datatype: 'FP32';
  shape: number[];
  raw_contents: Uint8Array;
}

/**
 * A 1×3×48×192 FP32 text-line crop for the direction classifier (ppocr-cls), drawn from `seed`:
 * the same kind of crop the vehicles' OCR pipeline sends (white paper, values in −1..1 as PaddleOCR
 * normalises, dark glyph strokes hanging from a baseline), with a seeded number of glyphs, stroke
 * widths and spacing, upright or turned 180°. Version `ocr-crop-v1`: changing this function means
 * recomputing the fixtures (scripts/spot-check-fixtures.ts).
 */
export function ocrCropV1(seed: number): CanaryTensor {
  const rnd = seeded(seed);
  const [H, W] = [48, 192];
  const a = new Float32Array(3 * H * W).fill(1);
  const rotated = rnd() < 0.5;
  const top = 6 + Math.floor(rnd() * 8);
  const bottom = top + 14 + Math.floor(rnd() * 10);
  const pitch = 8 + Math.floor(rnd() * 10);
  const stroke = 2 + Math.floor(rnd() * 3);
  const glyphs = 6 + Math.floor(rnd() * 14);
  const tails = rnd();
  const ink = (y: number, x: number): boolean => {
    const g = Math.floor(x / pitch);
    if (g >= glyphs) return false;
    if (y >= top && y <= top + 2) return true; // the baseline bar
    const inGlyph = x % pitch < stroke;
    if (inGlyph && y >= top && y <= bottom) return true;
    // Some glyphs have a descender, chosen by the seed.
    return inGlyph && y > bottom && y < bottom + 8 && (g * 7919 + Math.floor(tails * 97)) % 3 === 0;
  };
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (!ink(y, x)) continue;
      const [yy, xx] = rotated ? [H - 1 - y, W - 1 - x] : [y, x];
      for (let c = 0; c < 3; c++) a[c * H * W + yy * W + xx] = -1;
    }
  }
  return {
    name: 'x',
    datatype: 'FP32',
    shape: [1, 3, H, W],
    raw_contents: new Uint8Array(a.buffer),
  };
}

/** Canary input generators by name (a fixture file names the one its answers were computed from). */
export const CANARY_INPUTS: Readonly<Record<string, (seed: number) => CanaryTensor>> = {
  'ocr-crop-v1': ocrCropV1,
};

/** Words for the echo oracle's canaries: what a vehicle's prompt to a simulated model looks like. */
export const ECHO_WORDS = [
  'frame',
  'lane',
  'sign',
  'pedestrian',
  'cyclist',
  'stop',
  'yield',
  'merge',
  'speed',
  'limit',
  'crossing',
  'signal',
  'vehicle',
  'truck',
  'left',
  'right',
] as const;
