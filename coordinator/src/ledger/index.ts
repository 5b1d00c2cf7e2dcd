export type {
  Ledger,
  CustomerBalance,
  SiteReconciliation,
  ReconciliationReport,
  HoldSnapshot,
} from './types.js';
export { createLedger, type LedgerOptions, type SqlLedger } from './ledger.js';
export { MAX_BALANCE_MICRO_TOKENS } from './balance-limit.js';
export {
  LedgerInsufficientBalanceError,
  LedgerBalanceLimitError,
  LedgerUnknownHoldError,
  HoldClosedError,
  LedgerInvariantError,
  InvalidLedgerArgumentError,
  DuplicateReferenceError,
  DisputeBalanceError,
} from './errors.js';
export {
  MINT,
  customerAccount,
  heldAccount,
  holdAccount,
  siteAccount,
  debtAccount,
  disputeAccount,
  escrowAccount,
  REVENUE,
  accountKind,
  type AccountKind,
} from './accounts.js';
export {
  planSite,
  boundBurn,
  rateCap,
  type BurnStatus,
  type DisputeReason,
  type Decision,
  type HoldState,
  type LeaseInfo,
  type PlanInput,
  type SitePlan,
} from './reconcile-plan.js';
export { checkBurnRecord, isHex64 } from './burn-record.js';
export { Reconciler } from './reconciler.js';
export { ResendOnReconnect, requestResendAll } from './resend-on-reconnect.js';
export { holdEscrow, closeEscrow, escrowBalance } from './escrow.js';
export {
  createPackageStore,
  UnknownPackageError,
  type PackageStore,
  type TokenPackage,
  type PackagePurchase,
} from './packages.js';
