import { EdgefleetError } from '@edgefleet/common';

const EXCERPT_CHARS = 160;

/** A short, single-line, printable excerpt of tool output for error messages and logs. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\r?\n/g, '⏎').replace(/[\u0000-\u001f\u007f]/g, '?');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Base of every firmware-hook failure; `hook` names the plugin (maps to telemetry HookError). */
export class HookError extends EdgefleetError {
  readonly hook: string;
  constructor(
    code: string,
    hook: string,
    message: string,
    data: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, { hook, ...data }, options);
    this.hook = hook;
  }
}

/** The vendor tool is not installed (ENOENT) or cannot be executed (EACCES). */
export class HookToolMissingError extends HookError {
  constructor(hook: string, command: string, options?: { cause?: unknown }) {
    super(
      'HOOK_TOOL_MISSING',
      hook,
      `${hook}: tool "${command}" is not installed or not executable`,
      { command },
      options,
    );
  }
}

/** The tool ran longer than the time limit and was killed. */
export class HookTimeoutError extends HookError {
  constructor(hook: string, command: string, timeoutMs: number, options?: { cause?: unknown }) {
    super(
      'HOOK_TIMEOUT',
      hook,
      `${hook}: "${command}" did not finish within ${timeoutMs} ms and was killed`,
      { command, timeoutMs },
      options,
    );
  }
}

/** The caller's AbortSignal fired while the tool ran. */
export class HookAbortedError extends HookError {
  constructor(hook: string, command: string, options?: { cause?: unknown }) {
    super(
      'HOOK_ABORTED',
      hook,
      `${hook}: "${command}" was aborted by the caller`,
      { command },
      options,
    );
  }
}

/** The tool exited non-zero (or was killed by a signal we did not send). */
export class HookExitError extends HookError {
  readonly exitCode: number | null;
  constructor(
    hook: string,
    command: string,
    exitCode: number | null,
    signal: string | null,
    stderr: string,
    options?: { cause?: unknown },
  ) {
    const how =
      exitCode !== null ? `exited with code ${exitCode}` : `was killed by ${signal ?? 'a signal'}`;
    const tail = stderr.trim() ? `: ${excerpt(stderr.trim())}` : '';
    super(
      'HOOK_EXIT',
      hook,
      `${hook}: "${command}" ${how}${tail}`,
      { command, exitCode, signal, stderr: excerpt(stderr, 400) },
      options,
    );
    this.exitCode = exitCode;
  }
}

/** The tool printed more than maxBuffer bytes and was killed. */
export class HookOutputTooLargeError extends HookError {
  constructor(hook: string, command: string, maxBuffer: number, options?: { cause?: unknown }) {
    super(
      'HOOK_OUTPUT_TOO_LARGE',
      hook,
      `${hook}: "${command}" printed more than ${maxBuffer} bytes`,
      { command, maxBuffer },
      options,
    );
  }
}

/** The tool's output is not in a format this hook understands. */
export class HookParseError extends HookError {
  readonly excerpt: string;
  constructor(hook: string, reason: string, text: string, options?: { cause?: unknown }) {
    const ex = excerpt(text);
    super(
      'HOOK_PARSE',
      hook,
      `${hook}: unexpected output (${reason}): "${ex}"`,
      { reason, excerpt: ex },
      options,
    );
    this.excerpt = ex;
  }
}

/** createHook() was given an unknown hook name or invalid options. */
export class HookConfigError extends HookError {
  constructor(hook: string, message: string, data: Record<string, unknown> = {}) {
    super('HOOK_CONFIG', hook, `${hook}: ${message}`, data);
  }
}
