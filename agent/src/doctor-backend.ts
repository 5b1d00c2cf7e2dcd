import type { AgentConfig } from './config.js';
import { createHttpBackend } from './backends/http/index.js';
import type { Check } from './doctor.js';

/**
 * With the HTTP proxy backend: the local inference server answers its health call and serves the
 * models the site would advertise (the same discovery the agent runs at start). No check for other
 * backends (the ONNX models are checked by the hardware checks' backend line and at start).
 */
export async function backendChecks(
  cfg: Pick<AgentConfig, 'backend'> | undefined,
  timeoutMs: number,
): Promise<Check[]> {
  if (cfg?.backend.kind !== 'http') return [];
  const b = cfg.backend;
  const name = `upstream ${b.flavor}`;
  const how =
    b.flavor === 'openai'
      ? 'GET /v1/models'
      : 'GET /v2/health/ready and GET /v2/models/{name} for each of backend.models';
  const backend = await createHttpBackend({
    url: b.url,
    flavor: b.flavor,
    timeoutMs: Math.min(b.timeoutMs, timeoutMs),
    models: b.models,
    discoveryIntervalMs: 3_600_000,
    defaultMaxOutputTokens: b.maxOutputTokens,
    maxInputBytes: b.maxInputBytes,
  });
  try {
    const health = backend.health?.() ?? true;
    const skipped = Object.entries(backend.skipped());
    const skippedText = skipped.map(([m, r]) => `${m} (${r})`).join('; ');
    if (health !== true)
      return [
        {
          name,
          level: 'fail',
          ok: false,
          detail: `${b.url}: ${health}`,
          fix: `start the local inference server at ${b.url} (it must answer ${how}), or fix backend.url / backend.models`,
        },
      ];
    return [
      skipped.length
        ? {
            name,
            level: 'warn',
            ok: true,
            detail: `${b.url} serves ${backend.models.join(', ')}; not served: ${skippedText}`,
            fix: 'load those models on the server, or remove them from backend.models',
          }
        : { name, level: 'pass', ok: true, detail: `${b.url} serves ${backend.models.join(', ')}` },
    ];
  } finally {
    await backend.close?.();
  }
}
