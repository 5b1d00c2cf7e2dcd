import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('public entry point', () => {
  it('exports the hooks, parsers, errors, profiles and detection', () => {
    for (const name of [
      'createHook',
      'HOOK_NAMES',
      'detectHooks',
      'profileFor',
      'PROFILES',
      'resolveProfile',
      'normalizePciId',
      'migInstance',
      'migInstanceMap',
      'HookToolMissingError',
      'HookTimeoutError',
      'HookExitError',
      'HookParseError',
      'parseNvidiaSmiCsv',
      'parseNvidiaSmiXml',
      'parseNpuSmiInfo',
      'parseCnmon',
      'parseRocmSmiJson',
      'parseAmdSmiMetricJson',
      'parseAmdSmiMetricText',
      'parseHySmi',
      'parseIpmiPower',
    ])
      expect(api, name).toHaveProperty(name);
    expect(api.HOOK_NAMES).toContain('fake');
  });
});
