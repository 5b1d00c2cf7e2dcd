import { fleetViewsHtml } from './fleet-views-html.js';
import { reservationsHtml } from './reservations-html.js';
import { queueHtml } from './queue-html.js';
import { packagesHtml } from './packages-html.js';

/**
 * The NOC page shell. Script and styles are served by the coordinator (/static/noc.js, /static/noc.css):
 * no CDN, no map tiles, so it works on an air-gapped NOC network. The page asks for a token in a small
 * sign-in form (or takes one from the URL fragment, #token=…) and keeps it in localStorage; a rejected
 * token brings the form back with a message.
 */
export function dashboardHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>edgefleet NOC</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/noc.css"></head><body>
<header><h1><a href="#/">edgefleet NOC</a></h1><div class="kpi" id="kpi"></div><span id="live" class="live">connecting…</span><a id="signout" href="#/" hidden>sign out</a></header>
<div id="err" role="alert"></div>
<main id="signin" hidden><form id="signin-form" class="signin"><h2>Sign in</h2>
<p id="signin-msg" class="muted" role="status">This NOC needs an API token (any role; a viewer token is enough).</p>
<label>token <input id="signin-token" name="token" type="password" autocomplete="current-password" required></label>
<button type="submit" id="signin-submit">sign in</button></form></main>
<main id="fleet-view" hidden>
<section class="wide"><h2>Fleet map</h2>
<div class="filters"><label>region <select id="f-region"><option value="">all</option></select></label>
<label>vendor <select id="f-vendor"><option value="">all</option></select></label>
<label>state <select id="f-state"><option value="">all</option><option>online</option><option>degraded</option><option>draining</option><option>offline</option><option>unknown</option></select></label>
<span class="legend"><i class="st online"></i>online <i class="st degraded"></i>degraded <i class="st draining"></i>draining <i class="st offline"></i>offline <i class="st unknown"></i>unknown</span></div>
<div class="map-wrap"><svg id="map" viewBox="0 0 1000 486" role="img" aria-label="fleet map: drag to pan, wheel to zoom, click a bubble to zoom in or a site to open it"><g id="map-base"></g><g id="map-sites"></g></svg>
<div class="map-tools"><button id="zoom-in" type="button" title="zoom in">+</button><button id="zoom-out" type="button" title="zoom out">−</button><button id="zoom-fit" type="button" title="fit the sites">fit</button><button id="zoom-world" type="button" title="whole world">world</button><span id="map-zoom" class="muted"></span></div></div>
<p class="muted attribution">Basemap: Natural Earth 1:110m (public domain), drawn by the coordinator; no tiles, no network.</p></section>
<section><h2>Sites <span id="sites-count" class="muted"></span></h2><div class="scroll"><table id="sites"><thead><tr><th>site</th><th>state</th><th>region</th><th>vendors</th><th>slots</th><th>util</th><th>power</th><th>€/kWh</th><th>outbox</th><th>compute / request</th></tr></thead><tbody></tbody></table></div>
<div class="pager"><button id="prev" type="button">◀ prev</button><span id="page-no"></span><button id="next" type="button">next ▶</button></div></section>
<section><h2>Alerts</h2><div class="scroll"><table id="alerts"><thead><tr><th>sev</th><th>kind</th><th>site</th><th>message</th><th>since</th><th>ack</th></tr></thead><tbody></tbody></table></div></section>
<section><h2>Ledger &amp; reconciliation</h2><div id="ledger-total" class="muted"></div><div class="scroll"><table id="runs"><thead><tr><th>run</th><th>sites</th><th>accepted</th><th>µT</th><th>dup</th><th>gap</th><th>over</th><th>late</th><th>unknown</th><th>tampered</th></tr></thead><tbody></tbody></table></div></section>
<section><h2>Leases</h2><div class="scroll"><table id="leases"><thead><tr><th>hold</th><th>customer</th><th>model</th><th>budget µT</th><th>sites</th></tr></thead><tbody></tbody></table></div></section>
${fleetViewsHtml()}
${queueHtml()}
${reservationsHtml()}
${packagesHtml()}
</main>
<main id="site-view" hidden>
<section class="wide"><h2><a href="#/">fleet</a> / <span id="site-title"></span></h2><div id="site-facts" class="facts"></div></section>
<section><h2>Utilization</h2><svg class="chart" id="chart-util" viewBox="0 0 400 120"></svg></section>
<section><h2>Site power (W)</h2><svg class="chart" id="chart-power" viewBox="0 0 400 120"></svg></section>
<section><h2>Best RTT to a PoP (ms)</h2><svg class="chart" id="chart-rtt" viewBox="0 0 400 120"></svg></section>
<section><h2>Compute per request <span id="compute-backend" class="muted"></span></h2><div class="scroll"><table id="compute"><thead><tr><th>model</th><th>p50 ms</th><th>p95 ms</th><th>max ms</th><th>requests (last report)</th><th>requests (total)</th><th>measured</th></tr></thead><tbody></tbody></table></div></section>
<section><h2>Accelerators</h2><div class="scroll"><table id="accels"><thead><tr><th>#</th><th>vendor</th><th>model</th><th>serial</th><th>util</th><th>mem MiB</th><th>temp</th><th>W</th><th>slots</th></tr></thead><tbody></tbody></table></div></section>
<section><h2>Hook errors (last telemetry)</h2><div class="scroll"><table id="site-hook-table"><tbody id="site-hook-errors"></tbody></table></div></section>
<section><h2>Leases on this site</h2><div class="scroll"><table id="site-leases"><thead><tr><th>lease</th><th>customer</th><th>model</th><th>expires</th></tr></thead><tbody></tbody></table></div></section>
<section><h2>Burns &amp; reconciliation</h2><div id="site-burns"></div></section>
<section><h2>Alerts</h2><div class="scroll"><table id="site-alerts"><tbody></tbody></table></div></section>
</main>
<script src="/static/projection.js"></script><script src="/static/chart.js"></script><script src="/static/fleet-views.js"></script><script src="/static/reservations-view.js"></script><script src="/static/queue-view.js"></script><script src="/static/packages-view.js"></script><script src="/static/noc.js"></script></body></html>`;
}
