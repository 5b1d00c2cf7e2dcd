// Shared by the packages' bin scripts: run the compiled CLI when the package was built
// (npm run build), else the TypeScript source through tsx with the `source` export condition.
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** @param {string} binUrl import.meta.url of the bin script; the CLI is ../dist/cli.js or ../src/cli.ts beside it. */
export async function launch(binUrl) {
  const dist = fileURLToPath(new URL('../dist/cli.js', binUrl));
  if (existsSync(dist)) {
    await import(dist);
    return;
  }
  const src = fileURLToPath(new URL('../src/cli.ts', binUrl));
  // tsx is resolved from here, so the bin works from any working directory.
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', import.meta.resolve('tsx'), src, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) =>
    signal ? process.kill(process.pid, signal) : process.exit(code ?? 1),
  );
}
