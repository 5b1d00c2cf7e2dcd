/** A spot-check fixture is missing, unreadable or malformed: spot-checks cannot start on it. */
export class SpotCheckFixtureError extends Error {
  override readonly name = 'SpotCheckFixtureError';
  constructor(
    message: string,
    readonly data: Record<string, unknown>,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}
