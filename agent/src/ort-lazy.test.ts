import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** In a fresh process: import the agent's start path, run `then`, say whether ORT is mapped. */
function ortMappedAfter(then: string): boolean {
  const code = `
    await import('./agent/src/agent.ts');
    const { createBackend } = await import('./agent/src/backends/create.ts');
    ${then};
    const maps = (await import('node:fs')).readFileSync('/proc/self/maps', 'utf8');
    console.log(JSON.stringify({ ort: /onnxruntime/.test(maps) }));
    process.exit(0);
  `;
  const out = execFileSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', code],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return (JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { ort: boolean }).ort;
}

// ONNX Runtime's native library is tens of MiB of RSS: an agent that serves no ONNX model must never load it.
describe.runIf(existsSync('/proc/self/maps'))('ONNX Runtime is loaded lazily', () => {
  it('is not mapped by an agent on the simulated backend', () => {
    const simulated = `{ kind: 'simulated', latencyMs: 1, jitterMs: 0, outputTokens: 1 }`;
    expect(ortMappedAfter(`await createBackend(${simulated})`)).toBe(false);
  }, 60_000);

  it('is mapped once the ONNX backend module is imported (the check sees it)', () => {
    expect(ortMappedAfter(`await import('./agent/src/backends/onnx/index.ts')`)).toBe(true);
  }, 60_000);
});
