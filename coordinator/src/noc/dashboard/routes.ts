import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { dashboardHtml } from './page.js';
import { apiReferenceHtml } from './api-reference.js';

/** Static assets sit beside the sources; a compiled build (dist/) reads them from src/. */
function asset(name: string): string {
  for (const rel of [`./static/${name}`, `../../../src/noc/dashboard/static/${name}`]) {
    try {
      return readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');
    } catch {
      // try the next location
    }
  }
  throw new Error(`dashboard asset ${name} not found next to ${import.meta.url}`);
}

/** The NOC page (/), its script and styles, and a small API reference (/api/v1/docs). No CDN, no external tiles. */
export function registerDashboard<E extends object>(app: Hono<E & { Variables: object }>): void {
  const js = asset('noc.js');
  const css = asset('noc.css');
  const html = dashboardHtml();
  app.get('/', (c) => c.html(html));
  app.get('/static/noc.js', (c) =>
    c.body(js, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    }),
  );
  app.get('/static/noc.css', (c) =>
    c.body(css, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' }),
  );
  app.get('/api/v1/docs', (c) => c.html(apiReferenceHtml()));
}
