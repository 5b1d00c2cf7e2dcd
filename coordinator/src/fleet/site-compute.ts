import type { edgefleet } from '@edgefleet/proto';

/** One model's measured compute at a site: the last interval in which it ran, and a running count. */
export interface ModelComputeSeen {
  model: string;
  /** Requests in the latest report's interval (0: loaded, idle since). */
  requests: number;
  /** Requests reported since this coordinator first heard of the site. */
  totalRequests: number;
  /** Per request, over the last interval in which the model ran (backend run time, no queueing). */
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** When that interval was reported (coordinator time; 0 = never ran). */
  measuredAtMs: number;
}

/** The backend behind a site's Inference port and what it has really computed, from telemetry. */
export interface SiteCompute {
  /** onnx | simulated | http-openai | http-kserve-v2; '' until a report says. */
  backend: string;
  /** cpu | cuda (ONNX Runtime); '' when the backend cannot tell. */
  executionProvider: string;
  /** True only for a backend that runs no model (a sleep): its times are not compute. */
  simulated: boolean;
  intervalMs: number;
  updatedMs: number;
  models: Record<string, ModelComputeSeen>;
}

export function emptyCompute(): SiteCompute {
  return {
    backend: '',
    executionProvider: '',
    simulated: false,
    intervalMs: 0,
    updatedMs: 0,
    models: {},
  };
}

/**
 * The site's compute after one telemetry report: backend and provider as reported; per model, the
 * interval's figures where it ran, the previous figures kept (requests 0) where it did not, so the
 * NOC shows the last real measurement of an idle model rather than nothing.
 */
export function applyCompute(
  prev: SiteCompute,
  c: edgefleet.v1.IInferenceCompute,
  nowMs: number,
): SiteCompute {
  const models: Record<string, ModelComputeSeen> = {};
  for (const [name, m] of Object.entries(prev.models)) models[name] = { ...m, requests: 0 };
  for (const m of c.models ?? []) {
    const name = m.model ?? '';
    const requests = m.requests ?? 0;
    if (!name || requests === 0) continue;
    models[name] = {
      model: name,
      requests,
      totalRequests: (models[name]?.totalRequests ?? 0) + requests,
      p50Ms: m.p50_ms ?? 0,
      p95Ms: m.p95_ms ?? 0,
      maxMs: m.max_ms ?? 0,
      measuredAtMs: nowMs,
    };
  }
  const backend = c.backend ?? '';
  return {
    backend,
    executionProvider: c.execution_provider ?? '',
    simulated: backend === 'simulated',
    intervalMs: c.interval_ms ?? 0,
    updatedMs: nowMs,
    models,
  };
}
