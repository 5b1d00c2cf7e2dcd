import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDb, TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { FleetRegistry } from '../fleet/registry.js';
import { AlertStore } from './alert-store.js';
import type { AlertEvent } from './alert-webhook.js';
import type { Alert } from './alerts.js';
import { createNoc, type Noc } from './noc.js';

const open = (id: string, siteId: string, seenMs: number): Alert => ({
  id,
  kind: 'bad_messages',
  severity: 'warning',
  siteId,
  message: 'from a replica that stopped',
  firstSeenMs: seenMs,
  lastSeenMs: seenMs,
  resolvedAtMs: null,
  ackedAtMs: null,
  ackedBy: null,
});

describe.each(TEST_BACKENDS)('stored alerts kept true across replicas on %s', (kind) => {
  let t: TestDb;
  let noc: Noc | undefined;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(async () => {
    await noc?.close();
    await t?.dispose();
  });

  it('resolves an alert left open by stopped replicas, keeps and re-opens what this one sees', async () => {
    const store = new AlertStore(t.db);
    let clock = 1_000_000;
    // Left open by a replica that stopped long ago; and one this replica sees, resolved behind its back.
    await store.raise(open('bad_messages:left', 'left', clock - 600_000));
    const events: string[] = [];
    const registry = new FleetRegistry(
      { telemetryStaleMs: 5000, offlineAfterMs: 15000 },
      0.3,
      () => clock,
    );
    registry.upsertEnrolled({ siteId: 'seen' });
    noc = createNoc({
      registry,
      store,
      storeRefreshMs: 40,
      now: () => clock,
      webhook: {
        send: (e: AlertEvent) => events.push(`${e.event} ${e.alert.id}`),
        start: () => undefined,
        close: () => undefined,
      } as unknown as NonNullable<Parameters<typeof createNoc>[0]['webhook']>,
    });
    noc.noteBadMessage('seen', 'telemetry', 'bad json');
    noc.alerts.evaluate();
    await noc.settled();
    expect(events).toEqual(['alert.raised bad_messages:seen']);
    // Resolved behind this replica's back (a sweep while it could not write): it raises it again.
    await store.resolve('bad_messages:seen', clock);
    clock += 1000;
    await vi.waitFor(() => expect(events).toContain('alert.resolved bad_messages:left'), {
      timeout: 10_000,
    });
    await vi.waitFor(() => expect(events).toHaveLength(3), { timeout: 10_000 });
    const active = (await store.list('active')).map((a) => a.id);
    expect(active).toEqual(['bad_messages:seen']);
    expect(events.sort()).toEqual([
      'alert.raised bad_messages:seen',
      'alert.raised bad_messages:seen',
      'alert.resolved bad_messages:left',
    ]);
  });
});
