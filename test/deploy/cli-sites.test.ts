import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_COLUMNS } from '@edgefleet/client';
import { runTs } from '../support/processes.js';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema };
type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content: Record<string, { schema: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
};

/** `edgefleet sites` against a live coordinator: the CLI reads the fields the API documents and returns. */
describe('edgefleet sites', () => {
  let coord: CoordinatorProc;
  beforeAll(async () => {
    coord = await startCoordinatorProcess();
    const codes = await coord.api<{ codes: { code: string }[] }>(
      'POST',
      '/api/v1/enrollment-codes',
      { count: 1 },
    );
    const enrolled = await coord.api('POST', '/api/v1/enroll', {
      code: codes.body.codes[0]?.code,
      name: 'cli site',
      region: 'eu',
      lat: 50.1,
      lon: 8.7,
    });
    expect(enrolled.status).toBe(201);
  }, 90_000);
  afterAll(async () => coord?.proc.kill());

  it('shows only fields of the Site schema that GET /api/v1/sites answers with (OpenAPI document)', async () => {
    const doc = (await coord.api<Doc>('GET', '/api/v1/openapi.json')).body;
    const deref = (s: Schema | undefined): Schema | undefined =>
      s?.$ref ? doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] : s;
    const page = deref(
      doc.paths['/api/v1/sites']?.['get']?.responses['200']?.content['application/json']?.schema,
    );
    const site = deref(page?.properties?.['items']?.items);
    const fields = Object.keys(site?.properties ?? {});
    expect(fields).toContain('siteId');
    expect(SITE_COLUMNS.filter((f) => !fields.includes(f))).toEqual([]);
  });

  it('prints every one of its columns for a real site', async () => {
    const p = runTs('client/src/cli.ts', [
      'sites',
      '--api',
      coord.http,
      '--token',
      coord.adminToken,
    ]);
    expect(await p.exited, p.output()).toBe(0);
    const lines = p.output().trim().split('\n');
    expect(lines[0]?.trim().split(/\s+/)).toEqual([...SITE_COLUMNS]);
    expect(lines[2]).toMatch(/^\S+\s+cli site\s+unknown\s+eu\s+50\.1\s+8\.7\s/);
  }, 60_000);
});
