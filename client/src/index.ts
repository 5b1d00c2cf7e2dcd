export { EdgefleetClient, type EdgefleetClientOptions } from './client.js';
export {
  LeaseSession,
  type WatchHandle,
  type WatchCallbacks,
  type SessionTimers,
} from './session.js';
export {
  InsufficientBalanceError,
  NoSiteAvailableError,
  QueueFullError,
  QueueTimeoutError,
  NoPreemptionVictimError,
  CoordinatorUnavailableError,
  LeaseRejectedError,
  UnknownHoldError,
  InvalidRequestError,
  UnauthorizedError,
  LeaseBudgetExhaustedError,
  LeaseTokenRejectedError,
  AllSitesFailedError,
  NoLeaseError,
  SessionClosedError,
  ClientClosedError,
  CaFileError,
  SitePlaintextError,
  SiteCaMissingError,
  SiteTlsError,
  ReceiptRefusedError,
  RemoteError,
  parseStatusDetails,
  coordinatorError,
  classifyInferError,
  type ParsedDetails,
  type InferErrorClass,
} from './errors.js';
export {
  ReceiptBook,
  type ReceiptBookOptions,
  type ReceiptPolicy,
  type ReceiptStatus,
  type KeptReceipt,
} from './receipt-book.js';
export { PeakEwma, PEAK_EWMA_DEFAULTS, type PeakEwmaOptions } from './peak-ewma.js';
export { pickLease, rankLeases, type LeaseCandidate } from './pick-lease.js';
export { LatencyWindow } from './latency-window.js';
export {
  OutlierDetector,
  OUTLIER_DEFAULTS,
  type OutlierDetectionOptions,
  type Ejection,
  type OutlierStats,
} from './outlier.js';
export {
  LeaseEventKind,
  type Lease,
  type LeaseEvent,
  type InferResponse,
  type RouteExplanation,
  type LocationSpec,
  type Motion,
  type AcquireOptions,
  type QueuedInfo,
  type InferOptions,
  type InferResult,
  type AttemptFailure,
  type ReleaseResult,
  type PreemptionNotice,
} from './types.js';
export {
  runLoadgen,
  LOADGEN_LIMITS,
  LoadgenStartError,
  NothingServedError,
  LatencyHistogram,
  VehiclePath,
  seededRandom,
  type LoadgenHooks,
  type LoadgenConfig,
  type LoadgenReport,
  type Topology,
} from './loadgen/index.js';
export { SITE_COLUMNS, ApiError, ApiUnavailableError } from './cli/http.js';
export {
  ReservationsApi,
  type Reservation,
  type ReservationStatus,
  type BookReservation,
  type ReservationsApiOptions,
} from './reservations-api.js';
export { PricesApi, type SpotPrice, type SpotPrices, type PricesApiOptions } from './prices-api.js';
export {
  PackagesApi,
  type TokenPackage,
  type PackagePurchase,
  type BuyResult,
  type PackagesApiOptions,
} from './packages-api.js';
export { REST_CALLS, type RestCall } from './cli/rest-calls.js';
