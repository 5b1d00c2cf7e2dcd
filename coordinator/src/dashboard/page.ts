/**
 * The NOC page: a fleet map drawn from site coordinates (SVG, no external tiles), site
 * states, reconciliation runs. Self-contained: no CDN, works on an air-gapped NOC network.
 * The viewer token comes from the URL fragment (#token=…) and stays in localStorage.
 */
export function dashboardHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>edgefleet NOC</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
:root{--bg:#0f1419;--panel:#182029;--text:#d8e0e8;--muted:#8a99a8;--online:#3fb950;--degraded:#d29922;--offline:#f85149;--draining:#58a6ff;--unknown:#6e7681}
*{box-sizing:border-box}body{margin:0;font:14px/1.4 system-ui,sans-serif;background:var(--bg);color:var(--text)}
header{display:flex;gap:24px;align-items:center;padding:10px 18px;background:var(--panel);border-bottom:1px solid #2d3742}
header h1{font-size:16px;margin:0}.kpi{display:flex;gap:16px}.kpi div{font-size:12px;color:var(--muted)}.kpi b{display:block;font-size:18px;color:var(--text)}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:12px;padding:12px}
section{background:var(--panel);border-radius:6px;padding:10px;min-width:0}h2{font-size:13px;margin:0 0 8px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
svg{width:100%;height:auto;background:#0b1016;border-radius:4px}table{width:100%;border-collapse:collapse;font-size:12px}td,th{padding:3px 6px;text-align:left;border-bottom:1px solid #243040;white-space:nowrap}
.st{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:5px}.online{background:var(--online)}.degraded{background:var(--degraded)}.offline{background:var(--offline)}.draining{background:var(--draining)}.unknown{background:var(--unknown)}
.scroll{max-height:420px;overflow:auto}.warn{color:var(--degraded)}.bad{color:var(--offline)}#err{color:var(--offline);padding:0 18px}
</style></head><body>
<header><h1>edgefleet NOC</h1><div class="kpi" id="kpi"></div></header>
<div id="err"></div>
<main>
<section><h2>Fleet map</h2><svg id="map" viewBox="0 0 1000 500" role="img" aria-label="fleet map"></svg></section>
<section><h2>Sites</h2><div class="scroll"><table id="sites"><thead><tr><th>site</th><th>state</th><th>region</th><th>slots</th><th>util</th><th>power</th><th>outbox</th></tr></thead><tbody></tbody></table></div></section>
<section><h2>Reconciliation runs</h2><div class="scroll"><table id="runs"><thead><tr><th>run</th><th>sites</th><th>accepted</th><th>µT</th><th>dup</th><th>gap</th><th>late</th><th>tampered</th></tr></thead><tbody></tbody></table></div></section>
<section><h2>Leases</h2><div class="scroll"><table id="leases"><thead><tr><th>hold</th><th>customer</th><th>model</th><th>budget µT</th><th>sites</th></tr></thead><tbody></tbody></table></div></section>
</main>
<script>
const m = /token=([^&]+)/.exec(location.hash); if (m) { localStorage.setItem('edgefleet.token', decodeURIComponent(m[1])); history.replaceState(null, '', location.pathname); }
const token = localStorage.getItem('edgefleet.token') || '';
const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[ch]));
async function get(path) { const r = await fetch(path, { headers: { authorization: 'Bearer ' + token } }); if (!r.ok) throw new Error(path + ': ' + r.status + ' ' + (await r.text())); return r.json(); }
function project(lat, lon, b) { const x = (lon - b.minLon) / Math.max(1e-6, b.maxLon - b.minLon) * 940 + 30; const y = (b.maxLat - lat) / Math.max(1e-6, b.maxLat - b.minLat) * 440 + 30; return [x, y]; }
function drawMap(sites) {
  const svg = document.getElementById('map'); if (!sites.length) { svg.innerHTML = ''; return; }
  const b = { minLat: Math.min(...sites.map(s => s.lat)) - 1, maxLat: Math.max(...sites.map(s => s.lat)) + 1, minLon: Math.min(...sites.map(s => s.lon)) - 1, maxLon: Math.max(...sites.map(s => s.lon)) + 1 };
  let g = '';
  for (let i = 0; i <= 10; i++) { g += '<line x1="' + (30 + i * 94) + '" y1="30" x2="' + (30 + i * 94) + '" y2="470" stroke="#1c2632"/><line x1="30" y1="' + (30 + i * 44) + '" x2="970" y2="' + (30 + i * 44) + '" stroke="#1c2632"/>'; }
  for (const s of sites) { const [x, y] = project(s.lat, s.lon, b); const r = 4 + Math.min(8, s.slotsTotal); g += '<circle class="site ' + esc(s.state) + '" data-site="' + esc(s.siteId) + '" data-state="' + esc(s.state) + '" cx="' + x.toFixed(1) + '" cy="' + y.toFixed(1) + '" r="' + r + '" fill="var(--' + esc(s.state) + ')" fill-opacity="0.8"><title>' + esc(s.siteId + ' · ' + s.state + ' · ' + s.region) + '</title></circle>'; }
  svg.innerHTML = g;
}
async function refresh() {
  try {
    const sites = await get('/api/v1/sites?limit=1000'); const runs = await get('/api/v1/reconciliation/runs?limit=15'); const leases = await get('/api/v1/leases?limit=50');
    const c = sites.counts; const tot = (runs.items[0] || { sites: [] }).sites.reduce((a, s) => a + s.acceptedMicroTokens, 0);
    document.getElementById('kpi').innerHTML = ['online','degraded','draining','offline'].map(k => '<div><b>' + c[k] + '</b>' + k + '</div>').join('') + '<div><b>' + leases.items.length + '</b>live leases</div><div><b>' + tot + '</b>µT last run</div>';
    drawMap(sites.items);
    document.querySelector('#sites tbody').innerHTML = sites.items.map(s => '<tr data-site="' + esc(s.siteId) + '"><td>' + esc(s.siteId) + '</td><td><span class="st ' + esc(s.state) + '"></span>' + esc(s.state) + '</td><td>' + esc(s.region) + '</td><td>' + s.slotsFree + '/' + s.slotsTotal + '</td><td>' + Math.round(s.utilization * 100) + '%</td><td>' + Math.round(s.sitePowerW) + ' W</td><td>' + s.outboxDepth + '</td></tr>').join('');
    document.querySelector('#runs tbody').innerHTML = runs.items.map(r => { const t = (k) => r.sites.reduce((a, s) => a + s[k], 0); const cls = (t('gap') + t('tampered') + t('late') + t('overBudget') + t('unknownLease')) > 0 ? ' class="warn"' : ''; return '<tr' + cls + '><td>' + esc(new Date(r.startedAtMs).toLocaleTimeString()) + '</td><td>' + r.sites.length + '</td><td>' + t('accepted') + '</td><td>' + t('acceptedMicroTokens') + '</td><td>' + t('duplicate') + '</td><td>' + t('gap') + '</td><td>' + t('late') + '</td><td>' + t('tampered') + '</td></tr>'; }).join('');
    document.querySelector('#leases tbody').innerHTML = leases.items.map(h => '<tr><td>' + esc(h.holdId.slice(0, 10)) + '</td><td>' + esc(h.customerId) + '</td><td>' + esc(h.model) + '</td><td>' + h.budget + '</td><td>' + esc(h.leases.map(l => l.site_id).join(', ')) + '</td></tr>').join('');
    document.getElementById('err').textContent = '';
  } catch (e) { document.getElementById('err').textContent = String(e.message || e); }
}
refresh(); setInterval(refresh, 1000);
</script></body></html>`;
}
