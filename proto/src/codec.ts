import { EdgefleetError } from '@edgefleet/common';

/** Upper bounds on payload sizes: nothing from outside is trusted to be small. */
export const MAX_PAYLOAD_BYTES = {
  telemetry: 64 * 1024,
  status: 4 * 1024,
  burns: 1024 * 1024,
  ack: 1024,
  config: 64 * 1024,
} as const;

export type BadMessageReason =
  'too_large' | 'malformed' | 'invalid' | 'wrong_site' | 'unknown_topic';

/** A payload from outside was rejected; `reason` is the metric label. */
export class BadMessageError extends EdgefleetError {
  readonly reason: BadMessageReason;
  constructor(
    reason: BadMessageReason,
    message: string,
    data: Record<string, unknown> = {},
    cause?: unknown,
  ) {
    super(`BAD_MESSAGE_${reason.toUpperCase()}`, message, data, { cause });
    this.reason = reason;
  }
}

interface DecodableType<T> {
  decode(r: Uint8Array): T;
  fromObject(d: Record<string, unknown>): NoInfer<T>;
}

interface EncodableType<T> {
  encode(m: T): { finish(): Uint8Array };
}

/**
 * Decodes a payload that is either protobuf or JSON (it starts with `{`, so installers can
 * test with mosquitto_pub). Throws BadMessageError; never returns a half-decoded message.
 */
export function decodePayload<T>(
  type: DecodableType<T>,
  payload: Uint8Array,
  maxBytes: number,
  what: string,
): T {
  if (payload.byteLength > maxBytes) {
    throw new BadMessageError(
      'too_large',
      `${what} payload of ${payload.byteLength} bytes exceeds ${maxBytes}`,
      { bytes: payload.byteLength, maxBytes },
    );
  }
  if (payload.byteLength > 0 && payload[0] === 0x7b /* { */) {
    let obj: unknown;
    try {
      obj = JSON.parse(
        Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'),
      ) as unknown;
    } catch (err) {
      throw new BadMessageError(
        'malformed',
        `${what} payload is not valid JSON: ${(err as Error).message}`,
        {},
        err,
      );
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      throw new BadMessageError('malformed', `${what} JSON payload must be an object`);
    }
    try {
      return type.fromObject(obj as Record<string, unknown>);
    } catch (err) {
      throw new BadMessageError(
        'malformed',
        `${what} JSON payload does not fit the message: ${(err as Error).message}`,
        {},
        err,
      );
    }
  }
  try {
    return type.decode(payload);
  } catch (err) {
    throw new BadMessageError(
      'malformed',
      `${what} payload is not a valid protobuf message: ${(err as Error).message}`,
      {},
      err,
    );
  }
}

export function encodePayload<T>(type: EncodableType<T>, msg: T): Buffer {
  const bytes = type.encode(msg).finish();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
