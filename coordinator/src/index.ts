export { startCoordinator, type Coordinator } from './coordinator.js';
export {
  loadGrpcTls,
  serverNamesFor,
  type GrpcTls,
  type GrpcTlsSettings,
  type GrpcTlsMode,
} from './grpc/tls.js';
export {
  TlsFileUnreadableError,
  TlsPemInvalidError,
  TlsPublicKeyRequiredError,
  TlsPublicKeyInvalidError,
} from './pki/errors.js';
export { leaseMacKey, signingSeed } from './keys/lease-mac.js';
export { SitePublicKeyInvalidError, SiteKeyBook, type BatchVerdict } from './fleet/site-keys.js';
export {
  ClientCertificateRequiredError,
  ClientCertificateWrongSiteError,
} from './grpc/site-identity.js';
export {
  coordinatorConfigSchema,
  loadCoordinatorConfig,
  type CoordinatorConfig,
  type PopConfig,
} from './config.js';
export type {
  Ledger,
  ReconciliationReport,
  SiteReconciliation,
  CustomerBalance,
} from './ledger/types.js';
export type { Site, SiteState, TariffWindow } from './fleet/site.js';
export { route, type RouteRequest, type RouteContext, type Candidate } from './routing/route.js';
export { RouteIndex, type RouteIndexOptions } from './routing/route-index.js';
export { newSite, priceAt } from './fleet/site.js';
export {
  canHonour,
  FairQueue,
  costOf,
  microTokensFor,
  spotPrice,
  type ReservationSpan,
} from './market/index.js';
export { CANARY_INPUTS as canaryInputs } from './spot-checks/canary-input.js';
export { fixturesDir, loadFixture, type SpotCheckFixture } from './spot-checks/oracles.js';
export { drawArrivals } from './spot-checks/arrivals.js';
export { nextReputation, drains, type CanaryVerdict } from './spot-checks/reputation.js';
export { envelopeMs } from './spot-checks/envelope.js';
export { spotCheckSettingsSchema, type SpotCheckSettings } from './spot-checks/settings.js';
