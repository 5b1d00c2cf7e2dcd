export type { Outbox } from './types.js';
export {
  openOutbox,
  DEFAULT_CAPACITY,
  type FileOutbox,
  type OpenOutboxOptions,
} from './file-outbox.js';
export {
  OutboxFullError,
  OutboxWriteError,
  OutboxDiskFullError,
  OutboxCorruptError,
  OutboxSiteMismatchError,
  OutboxLockedError,
  OutboxOpenError,
  OutboxClosedError,
  OutboxAckRangeError,
  OutboxInvalidRecordError,
} from './errors.js';
export {
  OUTBOX_DURABILITIES,
  DEFAULT_DURABILITY,
  DEFAULT_SYNC_INTERVAL_MS,
  type OutboxDurability,
  describeDurability,
} from './durability.js';
export type { OutboxWarning, RecoveryInfo } from './warnings.js';
export type { BurnInput } from './record-fields.js';
export type { TornTail } from './frame.js';
export { nodeFs, type OutboxFs, type OutboxFileHandle } from './fs-port.js';
export { outboxAlarm, withOutboxAlarm, NEAR_FULL_RATIO, type OutboxAlarm } from './pressure.js';
