import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCoordinatorConfig } from '../config.js';
import { replicaIdFor } from './ledger-from-config.js';

describe('the ledger from the coordinator config', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('has slices on by default, and an env override turns them off', () => {
    expect(loadCoordinatorConfig({ env: {} }).ledger.slices).toMatchObject({
      enabled: true,
      idleReturnMs: 10_000,
    });
    const off = loadCoordinatorConfig({
      env: {
        EDGEFLEET_COORDINATOR_LEDGER__SLICES__ENABLED: 'false',
        EDGEFLEET_COORDINATOR_LEDGER__SLICES__IDLE_RETURN_MS: '2500',
      },
    });
    expect(off.ledger.slices).toMatchObject({ enabled: false, idleReturnMs: 2_500 });
  });

  it('keeps one replica id per data directory, unless the config names one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ef-replica-id-'));
    dirs.push(dir);
    const config = loadCoordinatorConfig({ env: {} });
    const id = replicaIdFor(config, dir);
    expect(id).toMatch(/^r-[0-9a-f]{16}$/);
    expect(replicaIdFor(config, dir)).toBe(id);
    const other = mkdtempSync(join(tmpdir(), 'ef-replica-id-'));
    dirs.push(other);
    expect(replicaIdFor(config, other)).not.toBe(id);
    const named = loadCoordinatorConfig({
      env: { EDGEFLEET_COORDINATOR_LEDGER__REPLICA_ID: 'coord-1' },
    });
    expect(replicaIdFor(named, dir)).toBe('coord-1');
  });
});
