/**
 * KServe v2 datatype names and what they are in ONNX Runtime. BYTES (strings) is left out on
 * purpose: it has no fixed element size, so no byte-count check could hold for it.
 */
export const DATATYPES = {
  BOOL: { ort: 'bool', bytes: 1 },
  UINT8: { ort: 'uint8', bytes: 1 },
  UINT16: { ort: 'uint16', bytes: 2 },
  UINT32: { ort: 'uint32', bytes: 4 },
  UINT64: { ort: 'uint64', bytes: 8 },
  INT8: { ort: 'int8', bytes: 1 },
  INT16: { ort: 'int16', bytes: 2 },
  INT32: { ort: 'int32', bytes: 4 },
  INT64: { ort: 'int64', bytes: 8 },
  FP16: { ort: 'float16', bytes: 2 },
  FP32: { ort: 'float32', bytes: 4 },
  FP64: { ort: 'float64', bytes: 8 },
} as const;

export type Datatype = keyof typeof DATATYPES;
export type OrtType = (typeof DATATYPES)[Datatype]['ort'];

export const DATATYPE_NAMES = Object.keys(DATATYPES) as [Datatype, ...Datatype[]];

export function isDatatype(s: string): s is Datatype {
  return Object.hasOwn(DATATYPES, s);
}

export function datatypeOfOrt(t: string): Datatype | undefined {
  return DATATYPE_NAMES.find((d) => DATATYPES[d].ort === t);
}
