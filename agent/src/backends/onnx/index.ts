export {
  createOnnxBackend,
  SHIPPED_MODEL_DIR,
  type OnnxBackend,
  type OnnxBackendOptions,
} from './onnx-backend.js';
export { modelManifestSchema, type ModelManifest, type ExecutionProvider } from './manifest.js';
export {
  pickExecutionProvider,
  type HostProbe,
  type ProviderChoice,
} from './execution-provider.js';
export { DATATYPES, type Datatype } from './dtypes.js';
export * from './errors.js';
