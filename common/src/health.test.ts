import { describe, expect, it } from 'vitest';
import { EdgefleetError } from './errors.js';
import { runChecks } from './health.js';

describe('runChecks', () => {
  it('passes when every check passes, naming each', async () => {
    const r = await runChecks(
      [
        { name: 'a', check: () => true },
        { name: 'b', check: () => Promise.resolve(true as const) },
      ],
      1000,
    );
    expect(r.status).toBe('pass');
    expect(Object.keys(r.checks)).toEqual(['a', 'b']);
    for (const c of Object.values(r.checks)) expect(c).toMatchObject({ status: 'pass' });
  });

  it('fails with the reason a check gives, while the others still pass', async () => {
    const r = await runChecks(
      [
        { name: 'db', check: () => 'disconnected' },
        { name: 'grpc', check: () => true },
      ],
      1000,
    );
    expect(r.status).toBe('fail');
    expect(r.checks.db).toMatchObject({ status: 'fail', reason: 'disconnected' });
    expect(r.checks.grpc).toMatchObject({ status: 'pass' });
  });

  it('a check that throws fails with its error code only, never the message', async () => {
    const r = await runChecks(
      [
        {
          name: 'edge',
          check: () => {
            throw new EdgefleetError('SOMETHING_DOWN', 'secret driver text');
          },
        },
        { name: 'plain', check: () => Promise.reject(new Error('password=hunter2')) },
      ],
      1000,
    );
    expect(r.checks.edge).toMatchObject({ status: 'fail', reason: 'SOMETHING_DOWN' });
    expect(r.checks.plain).toMatchObject({ status: 'fail', reason: 'check failed' });
    expect(JSON.stringify(r)).not.toMatch(/secret|hunter2/);
  });

  it('a check that never answers fails once the timeout passes', async () => {
    const r = await runChecks([{ name: 'hang', check: () => new Promise<true>(() => {}) }], 20);
    expect(r.status).toBe('fail');
    expect(r.checks.hang?.reason).toMatch(/no answer within 20 ms/);
  });
});
