import { setFlagsFromString } from 'node:v8';

/**
 * Vitest setup file: WebAssembly stays on V8's baseline compiler (Liftoff) in the test processes.
 *
 * Every coordinator a test starts opens PGlite, one large WASM module. V8 tiers its hot functions up
 * to TurboFan on background threads, which cost about 1.3 s of CPU per open on this project's
 * 2-core machines and only pay off in a process that runs for minutes (docs/benchmarks.md, session
 * 15). The flag is process-wide, so the PGlite worker threads get it too; it changes which machine
 * code runs, never what it computes. It is set here, not in execArgv, because worker threads refuse
 * V8 flags in theirs and the agent's ONNX worker slots pass `process.execArgv` on.
 * Production processes keep V8's defaults.
 */
setFlagsFromString('--liftoff-only');
