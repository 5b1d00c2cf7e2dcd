import { EdgefleetError } from '@edgefleet/common';

/** A manifest.json that is not JSON or does not match the manifest schema (README.md here). */
export class ModelManifestInvalidError extends EdgefleetError {
  constructor(path: string, reason: string) {
    super('MODEL_MANIFEST_INVALID', `model manifest ${path}: ${reason}`, { path, reason });
  }
}

/** The manifest's `file` names nothing on disk (a package not installed, a typo). */
export class ModelFileMissingError extends EdgefleetError {
  constructor(model: string, file: string) {
    super('MODEL_FILE_MISSING', `model ${model}: file ${file} not found`, { model, file });
  }
}

/** The model file's SHA-256 differs from its manifest: never load bytes nobody vouched for. */
export class ModelHashMismatchError extends EdgefleetError {
  constructor(model: string, file: string, expected: string, actual: string) {
    super(
      'MODEL_HASH_MISMATCH',
      `model ${model}: ${file} has sha256 ${actual}, manifest says ${expected}`,
      { model, file, expected, actual },
    );
  }
}

/** ONNX Runtime could not create a session for the model, or the warm-up run failed. */
export class ModelLoadFailedError extends EdgefleetError {
  constructor(model: string, reason: string, cause?: unknown) {
    super(
      'MODEL_LOAD_FAILED',
      `model ${model} failed to load: ${reason}`,
      { model, reason },
      { cause },
    );
  }
}

/** The ONNX backend found no model it could load: an agent that can serve nothing refuses to start. */
export class NoModelsLoadedError extends EdgefleetError {
  constructor(modelDir: string, skipped: Record<string, string>) {
    super(
      'NO_MODELS_LOADED',
      `no model could be loaded from ${modelDir}${
        Object.keys(skipped).length
          ? `: ${Object.entries(skipped)
              .map(([m, r]) => `${m} (${r})`)
              .join('; ')}`
          : ' (no */manifest.json found)'
      }`,
      { modelDir, skipped },
    );
  }
}

/** The configuration asks for an execution provider this host or this onnxruntime-node install does not have. */
export class ExecutionProviderUnavailableError extends EdgefleetError {
  constructor(provider: string, reason: string) {
    super(
      'EXECUTION_PROVIDER_UNAVAILABLE',
      `execution provider ${provider} is not available: ${reason}`,
      { provider, reason },
    );
  }
}

/** A request for a model this backend did not load. */
export class ModelNotLoadedError extends EdgefleetError {
  constructor(model: string, loaded: readonly string[]) {
    super(
      'MODEL_NOT_LOADED',
      `model ${model} is not loaded here (loaded: ${loaded.join(', ') || 'none'})`,
      { model, loaded: [...loaded] },
    );
  }
}

/** One request tensor does not fit the model's manifest; `input` names it so the caller can fix it. */
export class TensorInvalidError extends EdgefleetError {
  constructor(model: string, input: string, reason: string) {
    super('TENSOR_INVALID', `model ${model}, input ${input}: ${reason}`, { model, input, reason });
  }
}

/** A slot's ONNX Runtime worker thread died (a native crash, out of memory): its requests fail with this, and it is restarted. */
export class BackendWorkerCrashedError extends EdgefleetError {
  constructor(slot: number, reason: string) {
    super(
      'BACKEND_WORKER_CRASHED',
      `the ONNX Runtime worker of slot ${slot} stopped (${reason}); its requests failed unbilled and it is being restarted`,
      { slot, reason },
    );
  }
}
