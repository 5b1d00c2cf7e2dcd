import { readFileSync } from 'node:fs';

/** Absolute path of a fixture under firmware-hooks/fixtures/<tool>/<file>. */
export function fixturePath(tool: string, file: string): string {
  return new URL(`../../fixtures/${tool}/${file}`, import.meta.url).pathname;
}

/** The fixture's text, read at test time. */
export function fixture(tool: string, file: string): string {
  return readFileSync(fixturePath(tool, file), 'utf8');
}

/**
 * One command's output from an nvidia_gpu_exporter capture file: the lines after
 * `# $ <command>` and its closing `####` rule, up to the next `####` rule.
 */
export function captureSection(capture: string, command: string): string {
  const all = capture.split('\n');
  const start = all.findIndex((l) => l.trimEnd() === `# $ ${command}`);
  if (start < 0) throw new Error(`no section for ${command}`);
  const body: string[] = [];
  for (const l of all.slice(start + 2)) {
    if (l.startsWith('#####')) break;
    body.push(l);
  }
  return body.join('\n');
}
