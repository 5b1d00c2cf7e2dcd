export type { Ledger, CustomerBalance, SiteReconciliation, ReconciliationReport, HoldSnapshot } from './types.js';
export { createLedger, type LedgerOptions, type SqlLedger } from './ledger.js';
export {
  LedgerInsufficientBalanceError, LedgerUnknownHoldError, HoldClosedError, LedgerInvariantError, InvalidLedgerArgumentError, DuplicateReferenceError,
} from './errors.js';
export { MINT, customerAccount, holdAccount, siteAccount, debtAccount, accountKind, type AccountKind } from './accounts.js';
export { planSite, type BurnStatus, type Decision, type HoldState, type LeaseInfo, type PlanInput, type SitePlan } from './reconcile-plan.js';
export { checkBurnRecord, isHex64 } from './burn-record.js';
export { Reconciler } from './reconciler.js';
export { ResendOnReconnect, requestResendAll } from './resend-on-reconnect.js';
