export { EdgefleetError, describeError } from './errors.js';
export {
  ConfigError,
  loadConfig,
  envOverrides,
  deepMerge,
  type ConfigIssue,
  type LoadConfigOptions,
} from './config.js';
export { createLogger, type Logger } from './logger.js';
export { backoffDelay } from './backoff.js';
export { portIsFree, freePort, pickPort, splitHostPort } from './net.js';
export { sleep } from './sleep.js';
export { sdNotify, startSystemdNotify, watchdogIntervalMs } from './sd-notify.js';
export {
  runChecks,
  type CheckOutcome,
  type CheckResult,
  type HealthCheck,
  type Readiness,
} from './health.js';
