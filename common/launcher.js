// Shared by the packages' bin scripts: run the compiled CLI when the package was built
// (npm run build; an installed package ships dist/ only), else, in a checkout, the TypeScript
// source through tsx with the `source` export condition.
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Signals the launcher passes on to its child. SIGTERM and SIGHUP are sent to one process (a
 * service manager, `kill PID`, a closed terminal's session leader), so the child only sees them
 * through us. SIGINT and SIGQUIT are not forwarded: a terminal sends Ctrl-C / Ctrl-\ to the whole
 * foreground process group, the child included, and a forwarded copy would be a second Ctrl-C,
 * which ends a CLI in the middle of its graceful stop (loadgen's lease release and report).
 */
export const FORWARDED_SIGNALS = ['SIGTERM', 'SIGHUP'];
/** Signals the launcher outlives while its child handles them (the child decides when to exit). */
export const GROUP_SIGNALS = ['SIGINT', 'SIGQUIT'];

/** @param {string} binUrl import.meta.url of the bin script; the CLI is ../dist/cli.js or ../src/cli.ts beside it. */
export async function launch(binUrl) {
  const dist = fileURLToPath(new URL('../dist/cli.js', binUrl));
  if (existsSync(dist)) {
    await import(dist);
    return;
  }
  const src = fileURLToPath(new URL('../src/cli.ts', binUrl));
  if (!existsSync(src))
    throw new Error(`${dist} is missing: build the package (npm run build) or reinstall it`);
  // tsx is resolved from here, so the bin works from any working directory.
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', import.meta.resolve('tsx'), src, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  const handlers = [
    ...FORWARDED_SIGNALS.map((sig) => [sig, () => child.kill(sig)]),
    ...GROUP_SIGNALS.map((sig) => [sig, () => {}]),
  ];
  for (const [sig, fn] of handlers) process.on(sig, fn);
  child.on('exit', (code, signal) => {
    if (!signal) process.exit(code ?? 1);
    // Die of the same signal (the shell then reports it as such): without our handlers, the
    // signal's default action applies again.
    for (const [sig, fn] of handlers) process.off(sig, fn);
    process.kill(process.pid, signal);
  });
}
