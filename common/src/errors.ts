/**
 * Base of every edgefleet error: a stable machine-readable `code`, the `data` that explains
 * the failure, and the underlying `cause` when there is one. One subclass per failure mode.
 */
export class EdgefleetError extends Error {
  readonly code: string;
  readonly data: Record<string, unknown>;

  constructor(
    code: string,
    message: string,
    data: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.data = data;
  }

  toJSON(): { name: string; code: string; message: string; data: Record<string, unknown> } {
    return { name: this.name, code: this.code, message: this.message, data: this.data };
  }
}

/** Turns anything thrown into a short string for logs and replies. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
