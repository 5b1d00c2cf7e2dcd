import type { Logger } from '@edgefleet/common';
import type { AgentConfig } from '../config.js';
import type { InferenceBackend } from './backend.js';
import { createBackend } from './create.js';

/** The backend a site serves with, what it advertises, and who closes it. */
export interface SiteBackend {
  backend: InferenceBackend;
  /** The models this site advertises: what the backend really loaded, else the configured list. */
  models: readonly string[];
  /** Which backend serves Infer here, and where it computes (ONNX Runtime: cpu or cuda). */
  info: { kind: string; executionProvider?: string };
  /** Closes the backend when the agent built it; a backend passed in belongs to the caller. */
  close(): Promise<void>;
}

/**
 * The configured backend (or the one passed in). Only what it really loaded is advertised (an ONNX
 * model that failed its hash is not offered); the simulated backend on a real site is warned about.
 */
export async function startSiteBackend(
  config: Pick<AgentConfig, 'backend' | 'models'>,
  o: { backend?: InferenceBackend; simulator?: boolean; log: Logger },
): Promise<SiteBackend> {
  const backend = o.backend ?? (await createBackend(config.backend, o.log));
  if (!o.backend && !o.simulator && config.backend.kind === 'simulated')
    o.log.warn(
      'backend simulated: answers are not computed (for the simulator and tests; never on a real site)',
    );
  return {
    backend,
    // The backend's own array where it has one: the HTTP proxy's discovery keeps it current in place.
    models: backend.models ?? [...config.models],
    info: {
      kind: backend.kind,
      ...(backend.executionProvider ? { executionProvider: backend.executionProvider } : {}),
    },
    close: async () => {
      if (!o.backend) await backend.close?.();
    },
  };
}
