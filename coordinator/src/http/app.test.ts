import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoordinator } from './coordinator.test-support.js';

type Coord = Awaited<ReturnType<typeof startTestCoordinator>>;

describe('REST API conventions', () => {
  let c: Coord;
  beforeAll(async () => {
    c = await startTestCoordinator();
  }, 60_000);
  afterAll(async () => c?.close());

  it('uses one error shape for 404, 405, 400 and 409', async () => {
    const nf = await c.call('GET', '/api/v1/sites/nope', { role: 'viewer' });
    expect(nf.status).toBe(404);
    expect(await nf.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'no site nope', details: { what: 'site', id: 'nope' } },
    });
    const na = await c.call('DELETE', '/api/v1/sites', { role: 'admin' });
    expect(na.status).toBe(405);
    expect(na.headers.get('allow')).toBe('GET');
    expect(((await na.json()) as { error: { code: string } }).error.code).toBe(
      'METHOD_NOT_ALLOWED',
    );
    const bad = await c.call('POST', '/api/v1/enrollment-codes', {
      role: 'installer',
      body: { count: 0 },
    });
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as {
      error: { code: string; details: { issues: { path: string }[] } };
    };
    expect(badBody.error.code).toBe('INVALID_ARGUMENT');
    expect(badBody.error.details.issues[0]?.path).toBe('count');
    const notJson = await c.call('POST', '/api/v1/enrollment-codes', {
      role: 'installer',
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe(
      'INVALID_ARGUMENT',
    );
    const badCursor = await c.call('GET', '/api/v1/sites?cursor=%%%', { role: 'viewer' });
    expect(badCursor.status).toBe(400);
    const two = (await (
      await c.call('POST', '/api/v1/enrollment-codes', { role: 'installer', body: { count: 2 } })
    ).json()) as { codes: { code: string }[] };
    const enroll = (code: string) =>
      c.call('POST', '/api/v1/enroll', {
        body: { code, name: 'dup', siteId: 'dup-site', lat: 1, lon: 1 },
      });
    expect((await enroll(two.codes[0]?.code ?? '')).status).toBe(201);
    const dup = await enroll(two.codes[1]?.code ?? '');
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as { error: { code: string } }).error.code).toBe('SITE_ID_TAKEN');
  });

  it('pages every list with ?cursor=&limit= → {items,nextCursor}, without skips or repeats', async () => {
    const codes = await c.call('POST', '/api/v1/enrollment-codes?format=csv', {
      role: 'installer',
      body: { count: 7 },
    });
    expect(codes.headers.get('content-type')).toContain('text/csv');
    const lines = (await codes.text()).trim().split('\n');
    expect(lines[0]).toBe('code,expires_at');
    for (const [i, line] of lines.slice(1).entries()) {
      const res = await c.call('POST', '/api/v1/enroll', {
        body: {
          code: line.split(',')[0],
          name: `s${i}`,
          siteId: `site-${i}`,
          lat: 50 + i,
          lon: 8 + i,
          region: i % 2 ? 'odd' : 'even',
        },
      });
      expect(res.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor = '';
    for (let guard = 0; guard < 10; guard++) {
      const page = (await (
        await c.call('GET', `/api/v1/sites?limit=3${cursor ? `&cursor=${cursor}` : ''}`, {
          role: 'viewer',
        })
      ).json()) as { items: { siteId: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((s) => s.siteId));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.filter((x) => x !== 'dup-site')).toEqual([
      'site-0',
      'site-1',
      'site-2',
      'site-3',
      'site-4',
      'site-5',
      'site-6',
    ]);
    const odd = (await (
      await c.call('GET', '/api/v1/sites?region=odd', { role: 'viewer' })
    ).json()) as { items: { siteId: string }[] };
    expect(odd.items.map((s) => s.siteId)).toEqual(['site-1', 'site-3', 'site-5']);
    for (const path of ['/api/v1/leases', '/api/v1/reconciliation/runs', '/api/v1/alerts']) {
      const body = (await (
        await c.call('GET', `${path}?limit=2`, { role: 'viewer' })
      ).json()) as Record<string, unknown>;
      expect(Object.keys(body).sort(), path).toEqual(['items', 'nextCursor']);
    }
    const map = (await (await c.call('GET', '/api/v1/fleet/map', { role: 'viewer' })).json()) as {
      sites: unknown[][];
    };
    expect(map.sites).toHaveLength(8);
  });

  it('serves an OpenAPI 3.1 document generated from the request schemas', async () => {
    const doc = (await (await c.call('GET', '/api/v1/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/sites',
        '/api/v1/sites/{id}/telemetry',
        '/api/v1/alerts',
        '/api/v1/events',
        '/api/v1/enrollment-codes',
      ]),
    );
    expect(JSON.stringify(doc.paths['/api/v1/enrollment-codes'])).toContain(
      '#/components/schemas/EnrollmentCodesRequest',
    );
    expect(JSON.stringify(doc.components.schemas.EnrollmentCodesRequest)).toContain(
      '"maximum":10000',
    );
  });

  it('exposes reconciliation lag and discrepancy metrics for Prometheus', async () => {
    const text = await (await c.call('GET', '/metrics')).text();
    expect(text).toMatch(/^edgefleet_reconciliation_lag_seconds 0$/m);
    expect(text).toMatch(/^edgefleet_sites\{state="unknown"\} \d+$/m);
    expect(text).toContain('# TYPE edgefleet_reconciliation_discrepancies_total counter');
  });

  it('raises an alert for an offline site and streams the change as a Server-Sent Event', async () => {
    const ctrl = new AbortController();
    const res = await fetch(
      `${c.httpUrl}/api/v1/events?access_token=viewer-token-0123456789abcdef`,
      { signal: ctrl.signal },
    );
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}: ${text}`);
        text += Buffer.from(value).toString();
      }
    };
    await readUntil('event: hello');
    c.registry.setMqtt('site-0', false); // the broker saw the session drop: site-0 goes offline
    await readUntil('"siteId":"site-0"');
    expect(text).toMatch(/event: site\ndata: \{"siteId":"site-0","from":"unknown","to":"offline"/);
    ctrl.abort();
    const alerts = (await (
      await c.call('GET', '/api/v1/alerts?siteId=site-0', { role: 'viewer' })
    ).json()) as { items: { kind: string; severity: string; firstSeenMs: number }[] };
    expect(alerts.items.map((a) => [a.kind, a.severity])).toEqual([['site_offline', 'critical']]);
    const tel = await c.call('GET', '/api/v1/sites/site-0/telemetry', { role: 'viewer' });
    expect(await tel.json()).toEqual({ siteId: 'site-0', points: [] });
  });
});
