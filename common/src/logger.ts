import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/** Structured JSON logs on stderr. EDGEFLEET_LOG_LEVEL overrides the level (silent in tests by default). */
export function createLogger(name: string, level?: LevelWithSilent): Logger {
  const envLevel = process.env.EDGEFLEET_LOG_LEVEL as LevelWithSilent | undefined;
  const fallback: LevelWithSilent = process.env.VITEST ? 'silent' : 'info';
  return pino(
    { name, level: level ?? envLevel ?? fallback, base: { svc: name } },
    pino.destination(2),
  );
}
