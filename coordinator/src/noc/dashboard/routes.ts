import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { dashboardHtml } from './page.js';
import { apiReferenceHtml } from './api-reference.js';
import { buildBasemap } from './basemap.js';

/**
 * Static assets sit in static/ beside this module: src/ from source, dist/ once built (the
 * package's build copies them there; the installed package ships dist only).
 */
function asset(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./static/${name}`, import.meta.url)), 'utf8');
}

/** The page's plain scripts, in static/ (page.ts loads them in this order, noc.js last). */
const SCRIPTS = [
  'projection.js',
  'chart.js',
  'fleet-views.js',
  'reservations-view.js',
  'queue-view.js',
  'packages-view.js',
  'noc.js',
] as const;

/** The NOC page (/), its script, styles and basemap, and a small API reference (/api/v1/docs). No CDN, no external tiles. */
export function registerDashboard<E extends object>(app: Hono<E & { Variables: object }>): void {
  // Projected once at start (a few milliseconds): the page fetches it like any other static asset.
  const basemap = JSON.stringify(buildBasemap());
  const css = asset('noc.css');
  const html = dashboardHtml();
  app.get('/', (c) => c.html(html));
  for (const name of SCRIPTS) {
    const js = asset(name);
    app.get(`/static/${name}`, (c) =>
      c.body(js, 200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-cache',
      }),
    );
  }
  app.get('/static/basemap.json', (c) =>
    c.body(basemap, 200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=86400',
    }),
  );
  app.get('/static/noc.css', (c) =>
    c.body(css, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' }),
  );
  app.get('/api/v1/docs', (c) => c.html(apiReferenceHtml()));
}
