import { EdgefleetError } from '@edgefleet/common';
import type { InferenceBackend } from './backend.js';
import { TensorsNotSupportedError } from './errors.js';

export class BackendError extends EdgefleetError {
  constructor(url: string, message: string, cause?: unknown) {
    super('BACKEND_FAILED', `inference backend ${url}: ${message}`, { url }, { cause });
  }
}

/** A real local inference server: OpenAI-compatible (/v1/completions) or KServe v2 (/v2/models/{m}/infer). */
export function httpBackend(o: {
  url: string;
  flavor: 'openai' | 'kserve-v2';
  timeoutMs: number;
}): InferenceBackend {
  const base = o.url.replace(/\/$/, '');
  return {
    kind: `http-${o.flavor}`,
    async infer(req) {
      if (req.tensors?.length) throw new TensorsNotSupportedError(`http-${o.flavor}`);
      const t0 = performance.now();
      const signal = req.signal
        ? AbortSignal.any([req.signal, AbortSignal.timeout(o.timeoutMs)])
        : AbortSignal.timeout(o.timeoutMs);
      const [path, body] =
        o.flavor === 'openai'
          ? [
              '/v1/completions',
              { model: req.model, prompt: req.input, max_tokens: req.maxOutputTokens || 16 },
            ]
          : [
              `/v2/models/${encodeURIComponent(req.model)}/infer`,
              {
                inputs: [{ name: 'text_input', shape: [1], datatype: 'BYTES', data: [req.input] }],
              },
            ];
      let res: Response;
      try {
        res = await fetch(base + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal,
        });
      } catch (err) {
        throw new BackendError(base, (err as Error).message, err);
      }
      if (!res.ok) throw new BackendError(base, `HTTP ${res.status}`);
      const json = (await res.json()) as {
        choices?: { text?: string }[];
        outputs?: { data?: unknown[] }[];
      };
      const output =
        o.flavor === 'openai'
          ? json.choices?.[0]?.text
          : String(json.outputs?.[0]?.data?.[0] ?? '');
      if (output === undefined) throw new BackendError(base, 'response has no output');
      return { output, computeMs: performance.now() - t0 };
    },
  };
}
