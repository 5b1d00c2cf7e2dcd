import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { HOOK_DEFINITIONS } from './registry.js';

/** A vendor tool found on this host, and how to create its hook: createHook(hook, options). */
export interface DetectedHook {
  hook: string;
  tool: string;
  path: string;
  options: Record<string, unknown>;
}

export interface DetectOptions {
  /** Search path (default process.env.PATH). */
  path?: string;
  /** Also look in each hook's vendor install directories (default true). */
  vendorDirs?: boolean;
}

async function executable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Which vendor tools exist here: PATH first, then the directories vendors install to outside
 * PATH (/usr/local/sbin for npu-smi, /opt/hyhal/bin for hy-smi, ...). At most one entry per hook,
 * for the first of its tools found. The `fake` hook is never detected.
 */
export async function detectHooks(opts: DetectOptions = {}): Promise<DetectedHook[]> {
  const pathDirs = (opts.path ?? process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const found: DetectedHook[] = [];
  for (const def of HOOK_DEFINITIONS) {
    const dirs = [...pathDirs, ...(opts.vendorDirs === false ? [] : (def.extraDirs ?? []))];
    search: for (const tool of def.tools) {
      for (const dir of dirs) {
        const path = join(dir, tool);
        if (await executable(path)) {
          found.push({
            hook: def.name,
            tool,
            path,
            options: { command: path, ...(def.detectedOptions?.(tool, path) ?? {}) },
          });
          break search;
        }
      }
    }
  }
  return found;
}
