export { runLoadgen, type LoadgenHooks } from './run.js';
export { LOADGEN_LIMITS, type LoadgenConfig } from './config.js';
export { LoadgenStartError, NothingServedError } from './errors.js';
export type { LoadgenReport } from './stats.js';
export { LatencyHistogram } from './histogram.js';
export { VehiclePath, seededRandom, type Topology } from './topology.js';
