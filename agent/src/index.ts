export { startAgent, AGENT_VERSION, type Agent } from './agent.js';
export { agentConfigSchema, loadAgentConfig, type AgentConfig } from './config.js';
export {
  enroll,
  renewGrpcTls,
  TlsRenewalFailedError,
  EnrollmentFailedError,
  EnrollmentTlsIncompleteError,
  CoordinatorUnreachableError,
  type EnrollInput,
} from './enroll.js';
export {
  readCredentials,
  writeCredentials,
  credentialsPath,
  credentialOverrides,
  CredentialsMissingError,
  GrpcTlsFileMissingError,
  type Credentials,
} from './credentials.js';
export {
  GRPC_TLS_FILES,
  controlChannelCredentials,
  newClientKeyPair,
  type GrpcTlsMaterial,
} from './grpc-tls.js';
export {
  SITE_KEY_FILE,
  SiteKey,
  SiteKeyMissingError,
  SiteKeyModeTooOpenError,
  SiteKeyInvalidError,
  newSiteKeyPair,
  readSiteKey,
  writeSiteKey,
} from './site-key.js';
export { rotateSiteKey, SiteKeyRotationFailedError } from './rotate-site-key.js';
export { receiptFor } from './receipts.js';
export { doctorChecks, type Check } from './doctor.js';
export { checkGrpcTls, type TlsVerdict } from './doctor-tls.js';
export { Admission, type AdmittedLease } from './admission.js';
export { simulatedBackend } from './backends/simulated.js';
export type { InferenceBackend } from './backends/backend.js';
export {
  LeaseWrongSiteError,
  LeaseWrongModelError,
  LeaseBudgetSpentError,
  LeaseRevokedError,
  SiteAtCapacityError,
} from './inference-service.js';
export {
  startSimFleet,
  simBackendFor,
  DEFAULT_REGIONS,
  type SimOptions,
  type SimOnnxSites,
  type SimRegion,
} from './sim.js';
export {
  createHttpBackend,
  type HttpBackend,
  type HttpBackendOptions,
} from './backends/http/index.js';
