import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeaseSession } from '@edgefleet/client';
import { startLeaseFleet, type LeaseFleet } from '../support/lease-fleet.js';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const ROOT = resolve(import.meta.dirname, '../..');
const CLIENT = join(ROOT, 'test/inference/python/infer_client.py');

/** Why the Python client cannot run here (the module missing), or undefined when it can. */
function pythonGrpcMissing(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import grpc, grpc_tools.protoc'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} not found (${r.error.message})`;
  if (r.status !== 0)
    return `${PYTHON} lacks grpcio / grpc_tools (${r.stderr.trim().split('\n').at(-1) ?? ''}); run scripts/ensure-python-grpc.sh`;
  return undefined;
}
const missing = pythonGrpcMissing();
if (missing) console.warn(`python-client.test.ts SKIPPED: ${missing}`);

interface PyAnswer {
  site_id: string;
  outputs: { name: string; datatype: string; shape: number[]; bytes: number; values?: number[] }[];
  compute_ms: number;
  execution_provider: string;
  model_version: string;
  micro_tokens: number;
  burn_seq: number;
  error?: { code: string; details: string };
}

/**
 * Any gRPC language works from proto/: Python stubs generated at test time from the .proto files
 * alone (grpc_tools.protoc), a plain grpcio client sending a FP32 tensor to a real agent process on
 * ONNX Runtime, under a lease the TypeScript SDK acquired.
 */
describe.skipIf(missing !== undefined)(
  `Python client (grpcio, stubs from proto/) → agent Inference on ONNX Runtime${missing ? ` [skipped: ${missing}]` : ''}`,
  () => {
    let fleet: LeaseFleet;
    let session: LeaseSession;
    let stubs: string;

    beforeAll(async () => {
      stubs = mkdtempSync(join(tmpdir(), 'ef-pystubs-'));
      await run(PYTHON, [
        '-m',
        'grpc_tools.protoc',
        '-I',
        join(ROOT, 'proto/proto'),
        `--python_out=${stubs}`,
        `--grpc_python_out=${stubs}`,
        'edgefleet/v1/inference.proto',
      ]);
      fleet = await startLeaseFleet(['onnx-py'], 'fleet-python', 50_000_000, {
        backend: { kind: 'onnx', executionProvider: 'cpu', only: ['ppocr-cls'], intraOpThreads: 1 },
      });
      session = await fleet.client.acquire({
        model: 'ppocr-cls',
        location: { lat: 50.1, lon: 8.7 },
        budgetMicroTokens: 1_000_000,
        ttlS: 120,
        autoRenew: false,
      });
    }, 180_000);
    afterAll(async () => {
      await session?.release().catch(() => undefined);
      await fleet?.close();
      if (stubs) rmSync(stubs, { recursive: true, force: true });
    });

    async function python(extra: string[] = [], token?: string): Promise<PyAnswer> {
      const lease = session.primary;
      if (!lease) throw new Error('no primary lease');
      expect(lease.endpoint_tls).toBe(false); // this client speaks plaintext only
      const { stdout } = await run(PYTHON, [
        CLIENT,
        '--stubs',
        stubs,
        '--endpoint',
        lease.endpoint,
        '--lease-token',
        token ?? lease.token,
        ...extra,
      ]).catch((err: { stdout?: string; code?: number }) => {
        if (err.code === 2 && err.stdout) return { stdout: err.stdout }; // a gRPC error, as JSON
        throw err;
      });
      return JSON.parse(stdout) as PyAnswer;
    }

    it("gets the classifier's typed output: FP32 [1, 2], the known class, billed", async () => {
      const a = await python();
      expect(a.error).toBeUndefined();
      expect(a.outputs).toHaveLength(1);
      expect(a.outputs[0]).toMatchObject({
        name: 'softmax_0.tmp_0',
        datatype: 'FP32',
        shape: [1, 2],
        bytes: 8,
      });
      // The same crop as onnx-e2e.test.ts: read as upside down, with the same probability.
      expect(a.outputs[0]?.values?.[1]).toBeCloseTo(0.99584, 3);
      expect(a).toMatchObject({
        site_id: fleet.agents[0]?.siteId,
        execution_provider: 'cpu',
        model_version: 'ppocr-mobile-v2.0-cls',
      });
      expect(a.micro_tokens).toBeGreaterThanOrEqual(1);
      expect(a.compute_ms).toBeGreaterThan(0);
      const turned = await python(['--rotated']);
      expect(turned.outputs[0]?.values?.[0]).toBeGreaterThan(0.99);
      expect(turned.burn_seq).toBe(a.burn_seq + 1);
    });

    it('a forged lease token is refused with a gRPC status the Python client can read', async () => {
      const a = await python([], `${session.primary?.token ?? ''}x`);
      expect(a.error?.code).toBe('UNAUTHENTICATED');
      expect(a.error?.details).toMatch(/^LEASE_/);
    });
  },
);
