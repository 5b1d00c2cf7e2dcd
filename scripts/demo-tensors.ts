/**
 * Real input tensors for the demo vehicles (`npm start`): what a vehicle's OCR pipeline sends to
 * the PaddleOCR models at the edge. Made here from a few strokes, so nothing is downloaded.
 */
import type { edgefleet } from '@edgefleet/proto';

export const CROP_H = 48;
export const CROP_W = 192;

/**
 * A 1×3×48×192 FP32 text-line crop (values in -1..1, as PaddleOCR normalises): dark strokes hanging
 * from a bar. The direction classifier (ppocr-cls) reads it as upside down, and the same crop turned
 * 180° as upright — the answer a vehicle uses to flip a sign's crop before recognition.
 */
export function textLineCrop(rotated: boolean): edgefleet.v1.IInferTensor {
  const [H, W] = [CROP_H, CROP_W];
  const a = new Float32Array(3 * H * W).fill(1);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const ink =
        (y >= 10 && y <= 30 && x % 12 < 3) ||
        (y >= 10 && y <= 12 && x < 180) ||
        (y > 30 && y < 40 && x % 24 < 2);
      if (!ink) continue;
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

/**
 * A 1×3×side×side FP32 camera frame for the text detector (ppocr-det; side a multiple of 32),
 * normalised as PaddleOCR does (ImageNet mean/std: white ≈ 2.2, black ≈ -2): a white plate with a
 * row of dark glyph-like bars across its middle, which the detector marks as text.
 */
export function plateFrame(side = 96): edgefleet.v1.IInferTensor {
  const a = new Float32Array(3 * side * side).fill(2.2);
  for (let y = Math.floor(side * 0.4); y < Math.floor(side * 0.55); y++)
    for (let x = Math.floor(side * 0.15); x < Math.floor(side * 0.85); x++)
      if (x % 10 < 3) for (let c = 0; c < 3; c++) a[c * side * side + y * side + x] = -2;
  return {
    name: 'x',
    datatype: 'FP32',
    shape: [1, 3, side, side],
    raw_contents: new Uint8Array(a.buffer),
  };
}

/** The FP32 elements of an output tensor. */
export function fp32(t: edgefleet.v1.IInferTensor | undefined): Float32Array {
  const raw = t?.raw_contents ?? new Uint8Array(0);
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}
