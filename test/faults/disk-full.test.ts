import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgefleetClient } from '@edgefleet/client';
import { eventually, ROOT, runTs } from '../support/processes.js';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';

/**
 * The agent's disk fills up (here: a 16 KiB file-size limit, so the outbox log's writes fail
 * with EFBIG like they would with ENOSPC). A request whose burn cannot be made durable is
 * refused with a clear, retryable error — never served unmetered — and every request that was
 * answered is reconciled to the µT.
 */
describe('fault: outbox disk full at the agent', () => {
  let coord: CoordinatorProc;
  let agent: ReturnType<typeof spawn> | undefined;
  let agentOut = '';
  let client: EdgefleetClient;
  let siteId = '';

  beforeAll(async () => {
    coord = await startCoordinatorProcess();
    const codes = await coord.api<{ codes: { code: string }[] }>(
      'POST',
      '/api/v1/enrollment-codes',
      { count: 1 },
    );
    const dir = mkdtempSync(join(tmpdir(), 'ef-agent-'));
    const enroll = runTs('agent/src/cli.ts', [
      'enroll',
      '--coordinator',
      coord.http,
      '--code',
      codes.body.codes[0]?.code ?? '',
      '--name',
      'full disk',
      '--lat',
      '50.1',
      '--lon',
      '8.7',
      '--data-dir',
      dir,
    ]);
    expect(await enroll.exited).toBe(0);
    siteId = (/enrolled as site (\S+);/.exec(enroll.output()) ?? [])[1] ?? '';
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        models: ['llama-3-8b'],
        hook: { name: 'fake', options: { accelerators: [{ profile: 'h100-80gb-sxm', count: 1 }] } },
        backend: { kind: 'simulated', latencyMs: 5, jitterMs: 0 },
        telemetryIntervalMs: 200,
        burnFlushIntervalMs: 100,
        hostMetrics: false,
      }),
    );
    // bash's ulimit -f counts 1024-byte blocks; the limit applies to every file the agent writes.
    agent = spawn(
      'bash',
      [
        '-c',
        `ulimit -f 16 && exec "$0" "$@"`,
        process.execPath,
        '--conditions=source',
        '--import',
        'tsx',
        'agent/src/cli.ts',
        'run',
        '--data-dir',
        dir,
        '--config',
        join(dir, 'settings.json'),
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, EDGEFLEET_LOG_LEVEL: 'warn' },
      },
    );
    agent.stdout?.on('data', (b: Buffer) => (agentOut += b.toString()));
    agent.stderr?.on('data', (b: Buffer) => (agentOut += b.toString()));
    await eventually(
      async () => agentOut,
      (o) => /agent \S+ running/.test(o),
      60_000,
    );
    await eventually(
      () => coord.api<{ state: string }>('GET', `/api/v1/sites/${siteId}`),
      (r) => r.body?.state === 'online',
      20_000,
    );
    await coord.api('POST', '/api/v1/customers/fleet-disk/topup', { microTokens: 50_000_000 });
    client = new EdgefleetClient({
      coordinator: coord.grpc,
      customerId: 'fleet-disk',
      defaultTimeoutMs: 3000,
      bearerToken: coord.adminToken,
    });
  }, 120_000);

  afterAll(async () => {
    client?.close();
    agent?.kill('SIGKILL');
    await coord?.proc.kill();
  });

  it('refuses requests it cannot meter durably, with OUTBOX_WRITE_FAILED, and loses no answered burn', async () => {
    const session = await client.acquire({
      model: 'llama-3-8b',
      location: { lat: 50, lon: 8.6 },
      budgetMicroTokens: 20_000_000,
      ttlS: 300,
      autoRenew: false,
    });
    const served: { seq: number; micro: number }[] = [];
    let refusal: Error | undefined;
    for (let i = 0; i < 400 && !refusal; i++) {
      try {
        const r = await session.infer(`frame ${i} ${'x'.repeat(200)}`, { timeoutMs: 3000 });
        served.push({ seq: r.response.burn_seq, micro: r.response.micro_tokens });
      } catch (err) {
        refusal = err as Error;
      }
    }
    expect(refusal, 'the outbox never filled the 16 KiB limit').toBeDefined();
    // The SDK tried the site, got a retryable site fault, and had no other lease to move to.
    expect(refusal?.name).toBe('AllSitesFailedError');
    const failures = (
      refusal as unknown as {
        data: { failures: { siteId: string; reason: string; message: string }[] };
      }
    ).data.failures;
    expect(failures).toEqual([expect.objectContaining({ siteId, reason: 'OUTBOX_WRITE_FAILED' })]);
    expect(failures[0]?.message).toMatch(/EFBIG/);
    expect(agent?.exitCode).toBeNull(); // still running
    expect(served.map((s) => s.seq)).toEqual(served.map((_, i) => i + 1)); // no gap: nothing answered without a burn
    const total = served.reduce((a, s) => a + s.micro, 0);
    const earned = await eventually(
      () => coord.api<{ microTokens: number }>('GET', `/api/v1/sites/${siteId}/earnings`),
      (r) => r.body.microTokens >= total,
      30_000,
      250,
    );
    expect(earned.body.microTokens).toBe(total);
  }, 120_000);
});
