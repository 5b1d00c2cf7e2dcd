import { EdgefleetError } from '@edgefleet/common';
import { describe, expect, it } from 'vitest';
import {
  HookExitError,
  HookParseError,
  HookTimeoutError,
  HookToolMissingError,
  excerpt,
} from './errors.js';

describe('hook errors', () => {
  it('extend EdgefleetError with a stable code, the hook name and the cause', () => {
    const cause = Object.assign(new Error('spawn x ENOENT'), { code: 'ENOENT' });
    const e = new HookToolMissingError('npu-smi', 'npu-smi', { cause });
    expect(e).toBeInstanceOf(EdgefleetError);
    expect(e).toMatchObject({
      name: 'HookToolMissingError',
      code: 'HOOK_TOOL_MISSING',
      hook: 'npu-smi',
      cause,
    });
    expect(new HookTimeoutError('cnmon', 'cnmon', 5000).message).toBe(
      'cnmon: "cnmon" did not finish within 5000 ms and was killed',
    );
    expect(new HookExitError('x', 'x -q', null, 'SIGSEGV', '').message).toBe(
      'x: "x -q" was killed by SIGSEGV',
    );
  });

  it('HookParseError carries a short single-line excerpt of the output', () => {
    const e = new HookParseError(
      'cnmon',
      'no header',
      `line one\nline two\u0007${'x'.repeat(500)}`,
    );
    expect(e.excerpt.length).toBeLessThanOrEqual(161);
    expect(e.excerpt.startsWith('line one⏎line two?')).toBe(true);
    expect(e.message).toContain('cnmon: unexpected output (no header)');
    expect(excerpt('short')).toBe('short');
  });
});
