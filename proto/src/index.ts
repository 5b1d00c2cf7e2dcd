export { pb, type edgefleet } from './messages.js';
export {
  SITE_ID_PATTERN,
  SITE_ID_MAX_CHARS,
  ENTITY_ID_PATTERN,
  ENTITY_ID_MAX_CHARS,
  ENTITY_ID_RULE,
  isValidSiteId,
  isValidEntityId,
} from './ids.js';
export {
  TOPIC_ROOT,
  AGENT_PUBLISHES,
  AGENT_SUBSCRIBES,
  siteTopic,
  fleetTopic,
  parseSiteTopic,
  type SiteTopicKind,
  type ParsedTopic,
} from './topics.js';
export {
  MAX_PAYLOAD_BYTES,
  BadMessageError,
  decodePayload,
  encodePayload,
  type BadMessageReason,
} from './codec.js';
export {
  LeaseBrokerService,
  EdgeControlService,
  InferenceService,
  GRPC_CHANNEL_OPTIONS,
  GRPC_SERVER_OPTIONS,
  QUEUE_POSITION_HEADER,
  QUEUE_EXPECTED_WAIT_HEADER,
  shutdownGrpcServer,
} from './grpc.js';
export {
  WIRE_ERRORS,
  HTTP_STATUS_UNLISTED,
  isWireErrorCode,
  wireError,
  grpcStatusOf,
  httpStatusOf,
  WIRE_ERRORS_DOC_BEGIN,
  WIRE_ERRORS_DOC_END,
  wireErrorTable,
  withWireErrorTable,
  type WireErrorCode,
  type WireErrorSpec,
  type WireRetry,
  type WireService,
  type GrpcStatusName,
} from './wire-errors.js';
export { endStreamWithStatus, statusDetails, MAX_STATUS_DETAILS } from './grpc-status.js';
export {
  BURN_RECORD_LIMITS,
  checkBurnRecord,
  checkBurnFields,
  isHex64,
  type BurnRejectReason,
  type BurnProblem,
  type BurnRecordCheck,
} from './burn-record-schema.js';
export {
  GENESIS_HASH,
  burnHash,
  chainBurn,
  verifyLink,
  type BurnFields,
  type BurnRecordData,
  type ChainCheck,
} from './burn-chain.js';
export {
  BURN_BATCH_SIGNATURE_BYTES,
  burnBatchSigningBytes,
  signBurnBatch,
  verifyBurnBatch,
  type BurnBatchSignatureCheck,
  type SignableBurnBatch,
} from './burn-batch-signature.js';
export {
  signLeaseToken,
  macLeaseToken,
  verifyLeaseToken,
  generateSigningKey,
  signingKeyFromPem,
  verifyKeysFromPems,
  LeaseTokenMalformedError,
  LeaseTokenUnknownKeyError,
  LeaseTokenSignatureError,
  LeaseTokenExpiredError,
  LeaseWrongSiteError,
  type LeaseClaims,
  type MacVerifyKeys,
  type SigningKeyPair,
  type VerifyKeys,
} from './lease-token.js';
export { MICRO_TOKENS_PER_TOKEN, burnMicroTokens, formatTokens } from './units.js';
export {
  SITE_URI_PREFIX,
  siteUri,
  siteIdsOf,
  expectSiteCertificate,
  expectCoordinatorCertificate,
} from './site-identity.js';
export {
  RECEIPT_VERSION,
  RECEIPT_SIGNATURE_BYTES,
  receiptSigningBytes,
  signReceipt,
  verifyReceipt,
  type ReceiptFields,
  type SignedReceipt,
  type ReceiptRefusal,
  type ReceiptCheck,
} from './receipt.js';
export {
  receiptToJson,
  receiptFromJson,
  parseReceiptJson,
  type ReceiptJson,
} from './receipt-json.js';
export {
  LATENCY_BUCKETS_MS,
  LATENCY_BUCKET_COUNT,
  latencyBucket,
  bucketQuantile,
  bucketsAbove,
} from './latency-buckets.js';
