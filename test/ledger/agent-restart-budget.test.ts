import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { InferenceService, pb, type edgefleet } from '@edgefleet/proto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enrollSite,
  eventually,
  ledgerBySeq,
  openSession,
  startCoordinatorProcess,
  sum,
  waitOnline,
  type Burned,
  type CoordinatorProc,
  type SiteAgent,
} from './fleet.js';

const InferenceClient = grpc.makeGenericClientConstructor(InferenceService, 'Inference');

/** Infer straight at the agent's current endpoint (it gets a new port on every start) with a lease token. */
async function inferDirect(
  site: SiteAgent,
  token: string,
): Promise<{ ok: true; seq: number; micro: number } | { ok: false; message: string }> {
  const endpoint = /inference on (\S+)/.exec(site.proc?.output() ?? '')?.[1] ?? '';
  const c = new InferenceClient(
    endpoint,
    grpc.credentials.createInsecure(),
  ) as unknown as grpc.Client & {
    infer(
      req: edgefleet.v1.InferRequest,
      opts: grpc.CallOptions,
      cb: (err: grpc.ServiceError | null, r?: edgefleet.v1.InferResponse) => void,
    ): void;
  };
  try {
    return await new Promise((res) => {
      const req = new pb.InferRequest({
        lease_token: token,
        model: 'llama-3-8b',
        input: 'frame',
        max_output_tokens: 4,
      });
      c.infer(req, { deadline: Date.now() + 10_000 }, (err, r) =>
        res(
          err
            ? { ok: false, message: err.message }
            : { ok: true, seq: Number(r?.burn_seq ?? 0), micro: Number(r?.micro_tokens ?? 0) },
        ),
      );
    });
  } finally {
    c.close();
  }
}

/**
 * The agent enforces each lease's budget locally. Its per-lease totals are durable (acknowledged µT in
 * the outbox's ack mark, pending µT in the outbox log), so SIGKILL + restart does not reset them: the
 * same lease token is still refused once its budget is spent, whether the burns were acknowledged by
 * the coordinator before the kill or were still in the outbox.
 */
describe('lease budget after an agent SIGKILL', () => {
  let coord: CoordinatorProc;
  let site: SiteAgent;

  beforeAll(async () => {
    coord = await startCoordinatorProcess({
      reconcile: { enabled: true, schedule: '* * * * * *' },
    });
    // 40 ms of simulated compute per call on a whole H100: about 11 µT per call.
    site = await enrollSite(coord, 'budget site', {
      backend: { kind: 'simulated', latencyMs: 40, jitterMs: 0, outputTokens: 4 },
    });
    await site.start();
    await waitOnline(coord, site.siteId);
    await coord.api('POST', '/api/v1/customers/budget-cust/topup', { microTokens: 10_000_000 });
  }, 120_000);
  afterAll(async () => {
    await site?.kill('SIGKILL');
    await coord?.proc.kill('SIGKILL');
  });

  it('still refuses the spent lease after a restart (acked and unacked burns both count)', async () => {
    const BUDGET = 200;
    const { client, session } = await openSession(coord, 'budget-cust', BUDGET);
    const burned: Burned = new Map();
    const infer = async (): Promise<'ok' | 'exhausted'> => {
      try {
        const r = await session.infer('frame', { maxOutputTokens: 4, timeoutMs: 5000 });
        burned.set(r.response.burn_seq, r.response.micro_tokens);
        return 'ok';
      } catch (err) {
        if (String((err as Error).message).includes('LEASE_BUDGET_EXHAUSTED')) return 'exhausted';
        throw err;
      }
    };
    try {
      // First part of the budget, reconciled and acknowledged before the kill.
      while (sum(burned) < BUDGET / 2) expect(await infer()).toBe('ok');
      await eventually(
        () => ledgerBySeq(coord, site.siteId),
        (l) => sum(l.bySeq) === sum(burned),
        30_000,
      );
      // Wait until the ack reached the agent and its ack mark holds the lease's total: after the restart
      // the acknowledged part can only come from there (acked records leave the outbox).
      const ackedTotal = (): number => {
        // One frame (agent/src/outbox/frame.ts): a 16-byte binary header, then the JSON payload.
        // The header holds two CRC-32s, which can contain a '{' byte: the payload is found by its
        // first key, not by the first '{' (that failed the test whenever a CRC had one).
        const text = readFileSync(join(site.dir, 'outbox', 'outbox.ack')).toString('latin1');
        const mark = JSON.parse(text.slice(text.indexOf('{"format":'))) as {
          leases?: Record<string, [number, number]>;
        };
        return Object.values(mark.leases ?? {}).reduce((a, [b]) => a + b, 0);
      };
      await eventually(
        async () => ackedTotal(),
        (n) => n === sum(burned),
        30_000,
      );
      await site.kill('SIGKILL');
      await site.start();
      await waitOnline(coord, site.siteId);
      // The rest of the budget, straight at the restarted agent with the same lease token: it must
      // count what it burned before the restart.
      const token = session.primary?.token ?? '';
      const direct = async (): Promise<'ok' | 'exhausted'> => {
        const r = await inferDirect(site, token);
        if (r.ok) {
          burned.set(r.seq, r.micro);
          return 'ok';
        }
        if (r.message.includes('LEASE_BUDGET_EXHAUSTED')) return 'exhausted';
        throw new Error(r.message);
      };
      let outcome: 'ok' | 'exhausted' = 'ok';
      let calls = 0;
      while (outcome === 'ok' && calls++ < 100) outcome = await direct();
      expect(outcome).toBe('exhausted');
      const spent = sum(burned);
      expect(spent).toBeGreaterThanOrEqual(BUDGET);
      // One call may start below the budget and end above it, never more.
      expect(spent - Math.max(...burned.values())).toBeLessThan(BUDGET);

      // Kill at once (the last burns are not acknowledged yet), restart: still refused.
      await site.kill('SIGKILL');
      await site.start();
      expect(await direct()).toBe('exhausted');
      expect(sum(burned)).toBe(spent);
    } finally {
      await session.release().catch(() => undefined);
      client.close();
    }
  }, 180_000);
});
