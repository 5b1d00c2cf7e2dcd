import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeScript } from './scripts.js';

/**
 * A fake vendor tool: a real executable shell script that logs its arguments (one call per
 * line) and prints the file whose key equals its arguments joined by spaces ('*' = any other).
 * Unknown arguments make it exit 64, like a tool that rejects a flag.
 */
export function fakeTool(
  dir: string,
  name: string,
  outputs: Record<string, string>,
): { command: string; calls(): string[] } {
  const log = join(dir, `${name}.calls`);
  writeFileSync(log, '');
  const cases = Object.entries(outputs)
    .map(([args, file]) => `  ${args === '*' ? '*' : `'${args}'`}) exec cat '${file}' ;;`)
    .join('\n');
  const command = writeScript(
    dir,
    name,
    `printf '%s\\n' "$*" >> '${log}'\ncase "$*" in\n${cases}\nesac\necho "unexpected args: $*" >&2\nexit 64`,
  );
  return { command, calls: () => readFileSync(log, 'utf8').split('\n').slice(0, -1) };
}

/** Text written to a temp file, for outputs that are a section of a fixture or a variation of one. */
export function textFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
