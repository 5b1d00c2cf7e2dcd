// edgefleet NOC dashboard: plain browser JavaScript, no dependencies, served by the coordinator.
'use strict';
(function () {
  const STATES = ['online', 'degraded', 'draining', 'offline', 'unknown'];
  const PAGE = 100;
  const TOKEN_KEY = 'edgefleet.token';
  const m = /token=([^&]+)/.exec(location.hash);
  if (m) { localStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1])); history.replaceState(null, '', location.pathname + '#/'); }
  let token = localStorage.getItem(TOKEN_KEY) || '';
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));
  const fmt = (n) => Number(n).toLocaleString('en');
  // "No data" is said as such: an offline site, or one that never sent telemetry, has no live values
  // (not 0 °C, 0/0 MiB or 0 W), and a site without a tariff has no price (not 0.000 /kWh).
  const NO_DATA = '<span class="nodata">no data</span>';
  const DASH = '<span class="nodata">—</span>';
  const hasLive = (s) => s.lastTelemetryMs > 0 && s.state !== 'offline';
  const has = (v) => v !== null && v !== undefined && Number.isFinite(Number(v));
  const priceText = (s, digits) => (s.tariff && s.tariff.length ? s.pricePerKwhNow.toFixed(digits) : DASH);
  const ago = (ms) => { const s = Math.max(0, Math.round((Date.now() - ms) / 1000)); return s < 90 ? s + ' s' : s < 5400 ? Math.round(s / 60) + ' min' : Math.round(s / 3600) + ' h'; };
  /** The coordinator does not know the token (never issued, rotated or removed): ask for another. */
  class TokenRejected extends Error { constructor() { super('the token was rejected'); this.name = 'TokenRejected'; } }
  async function send(method, path) {
    const r = await fetch(path, { method, headers: { authorization: 'Bearer ' + token } });
    if (r.status === 401) throw new TokenRejected();
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(path + ': ' + r.status + ' ' + ((body.error && body.error.message) || ''));
    return body;
  }
  // Real compute per request from telemetry (session.run for ONNX Runtime); a simulated backend says so.
  const backendLabel = (c) => !c.backend ? '' : c.simulated ? 'simulated (sleep, no compute)' : c.backend + (c.executionProvider ? ' · ' + c.executionProvider.toUpperCase() : '');
  function computeCell(c) {
    if (!c.backend) return '<span class="muted">—</span>';
    if (c.simulated) return '<span class="muted">simulated</span>';
    const busiest = c.models.slice().sort((a, b) => b.totalRequests - a.totalRequests)[0];
    return esc(backendLabel(c)) + (busiest ? ': ' + busiest.p50Ms.toFixed(2) + ' ms p50 (' + esc(busiest.model) + ')' : ': idle');
  }
  const get = (path) => send('GET', path);
  const showErr = (e) => { $('err').textContent = e ? String(e.message || e) : ''; };

  // ---------- state ----------
  let mapRows = []; // [siteId, lat, lon, state, region, vendors]
  const cursors = ['']; let pageNo = 0;
  const filters = () => ({ region: $('f-region').value, vendor: $('f-vendor').value, state: $('f-state').value });
  const passes = (r, f) => (!f.region || r[4] === f.region) && (!f.vendor || r[5].includes(f.vendor)) && (!f.state || r[3] === f.state);

  // ---------- map: offline basemap, sites clustered on a screen grid, pan and zoom ----------
  // The basemap (country outlines) comes pre-projected from the coordinator with its projection's
  // parameters; sites are projected here with the same formula (projection.js). Sites are grouped by
  // a grid in screen space, so 10,000 sites stay a few hundred bubbles at any zoom; a bubble shows its
  // count and the worst state among its sites. Drag pans, the wheel and the buttons zoom, a click on a
  // bubble zooms into it and a click on a single site opens its view.
  const SVGNS = 'http://www.w3.org/2000/svg';
  const WORST = { online: 0, unknown: 1, draining: 2, degraded: 3, offline: 4 };
  const CELL = 44; // grid cell in SVG units (the map is 1000 units wide); a bubble fits in its cell
  const MAX_K = 256;
  let basemap = null; let projectFn = null;
  let view = { k: 1, x: 0, y: 0 }; let viewSet = false;
  const baseXY = new Map(); // siteId → [x, y] in basemap units (cached per lat/lon)
  async function loadBasemap() {
    if (basemap) return;
    const r = await fetch('/static/basemap.json');
    if (!r.ok) throw new Error('basemap: ' + r.status);
    basemap = await r.json();
    projectFn = window.EdgefleetProjection.equalEarth(basemap.projection.scale, basemap.projection.translate);
    const svg = $('map');
    svg.setAttribute('viewBox', '0 0 ' + basemap.width + ' ' + basemap.height);
    $('map-base').innerHTML = '<path class="sphere" d="' + basemap.sphere + '"/><path class="graticule" d="' + basemap.graticule + '"/>' +
      basemap.countries.map((c) => '<path class="country" data-country="' + esc(c.id) + '" d="' + c.d + '"><title>' + esc(c.name) + '</title></path>').join('');
    applyView();
  }
  function xyOf(r) {
    const key = r[0]; const hit = baseXY.get(key);
    if (hit && hit[2] === r[1] && hit[3] === r[2]) return hit;
    const p = projectFn(r[2], r[1]); const v = [p[0], p[1], r[1], r[2]]; baseXY.set(key, v); return v;
  }
  function applyView() { $('map-base').setAttribute('transform', 'translate(' + view.x.toFixed(2) + ' ' + view.y.toFixed(2) + ') scale(' + view.k.toFixed(4) + ')'); }
  function clampView() {
    const W = basemap.width, H = basemap.height;
    view.k = Math.min(MAX_K, Math.max(1, view.k));
    view.x = Math.min(W * 0.5, Math.max(W * 0.5 - W * view.k, view.x));
    view.y = Math.min(H * 0.5, Math.max(H * 0.5 - H * view.k, view.y));
  }
  /** Zooms so the given basemap-unit box fills the map (with a margin). */
  function fitBox(x0, y0, x1, y1, maxK) {
    const W = basemap.width, H = basemap.height;
    const k = Math.min(maxK, W / Math.max(1e-3, (x1 - x0) * 1.25 + 40 / view.k), H / Math.max(1e-3, (y1 - y0) * 1.25 + 40 / view.k));
    view.k = Math.max(1, k); view.x = W / 2 - view.k * (x0 + x1) / 2; view.y = H / 2 - view.k * (y0 + y1) / 2;
    clampView();
  }
  function fitSites() {
    const rows = mapRows.filter((r) => passes(r, filters()));
    if (!rows.length) { view = { k: 1, x: 0, y: 0 }; return; }
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const r of rows) { const p = xyOf(r); x0 = Math.min(x0, p[0]); y0 = Math.min(y0, p[1]); x1 = Math.max(x1, p[0]); y1 = Math.max(y1, p[1]); }
    view = { k: 1, x: 0, y: 0 }; fitBox(x0, y0, x1, y1, 12);
  }
  let cells = []; // the clusters last drawn, for clicks
  function drawMap() {
    if (!basemap) return;
    if (!viewSet && mapRows.length) { fitSites(); viewSet = true; }
    applyView();
    const f = filters(); const W = basemap.width, H = basemap.height;
    const grid = new Map(); const counts = {}; let shown = 0;
    for (const s of STATES) counts[s] = 0;
    for (const r of mapRows) {
      if (!passes(r, f)) continue;
      const st = WORST[r[3]] === undefined ? 'unknown' : r[3]; counts[st]++;
      const p = xyOf(r); const sx = p[0] * view.k + view.x, sy = p[1] * view.k + view.y;
      if (sx < 0 || sy < 0 || sx > W || sy > H) continue; // off the map at this zoom
      shown++;
      // the grid is fixed to the map at this zoom (not to the screen), so panning does not regroup
      const gx = Math.floor((p[0] * view.k) / CELL), gy = Math.floor((p[1] * view.k) / CELL);
      const key = gx + ':' + gy;
      let c = grid.get(key);
      if (!c) { c = { n: 0, sx: 0, sy: 0, gx, gy, worst: 'online', by: {}, ids: [], x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity }; grid.set(key, c); }
      c.n++; c.sx += sx; c.sy += sy; c.by[st] = (c.by[st] || 0) + 1; if (WORST[st] > WORST[c.worst]) c.worst = st;
      if (c.ids.length < 1) c.ids.push(r[0]);
      c.x0 = Math.min(c.x0, p[0]); c.y0 = Math.min(c.y0, p[1]); c.x1 = Math.max(c.x1, p[0]); c.y1 = Math.max(c.y1, p[1]);
    }
    cells = [...grid.values()];
    // single sites over bubbles (small targets stay clickable); worst last within each, so an
    // offline mark is never under a healthy one
    cells.sort((a, b) => (a.n === 1) - (b.n === 1) || WORST[a.worst] - WORST[b.worst]);
    const singles = cells.filter((c) => c.n === 1).length;
    let g = '';
    cells.forEach((c, i) => {
      const x = (c.sx / c.n).toFixed(1), y = (c.sy / c.n).toFixed(1);
      if (c.n === 1) {
        g += '<circle class="site ' + c.worst + '" data-i="' + i + '" data-site="' + esc(c.ids[0]) + '" data-state="' + c.worst + '" cx="' + x + '" cy="' + y + '" r="5"><title>' + esc(c.ids[0]) + ' (' + c.worst + ')</title></circle>';
        if (singles <= 40) g += '<text class="site-label" x="' + (Number(x) + 8).toFixed(1) + '" y="' + (Number(y) + 4).toFixed(1) + '">' + esc(c.ids[0]) + '</text>';
      } else {
        // a bubble stays inside its grid cell, so neighbouring bubbles never cover each other
        const rad = Math.min(CELL / 2 - 2, 9 + 2.2 * Math.log2(c.n));
        const cx0 = c.gx * CELL + view.x, cy0 = c.gy * CELL + view.y;
        const bx = Math.min(cx0 + CELL - rad, Math.max(cx0 + rad, c.sx / c.n)).toFixed(1), by = Math.min(cy0 + CELL - rad, Math.max(cy0 + rad, c.sy / c.n)).toFixed(1);
        const mix = STATES.filter((k) => c.by[k]).map((k) => c.by[k] + ' ' + k).join(', ');
        g += '<g class="cluster" data-i="' + i + '" data-count="' + c.n + '" data-worst="' + c.worst + '"><circle class="' + c.worst + '" cx="' + bx + '" cy="' + by + '" r="' + rad.toFixed(1) + '"/><text x="' + bx + '" y="' + by + '" dy="0.35em">' + (c.n >= 10000 ? Math.round(c.n / 1000) + 'k' : c.n) + '</text><title>' + c.n + ' sites: ' + mix + ' (click to zoom in)</title></g>';
      }
    });
    const layer = $('map-sites');
    layer.innerHTML = g;
    for (const s of STATES) layer.dataset[s] = String(counts[s]);
    layer.dataset.shown = String(shown); layer.dataset.bubbles = String(cells.length);
    $('map-zoom').textContent = '×' + (view.k < 10 ? view.k.toFixed(1) : Math.round(view.k));
  }
  let frame = 0;
  const redraw = () => { if (!frame) frame = requestAnimationFrame(() => { frame = 0; drawMap(); }); };
  function zoomAt(px, py, factor) {
    const k = Math.min(MAX_K, Math.max(1, view.k * factor)); const q = k / view.k;
    view.x = px - (px - view.x) * q; view.y = py - (py - view.y) * q; view.k = k; clampView(); redraw();
  }
  function svgPoint(ev) {
    const svg = $('map'); const pt = svg.createSVGPoint(); pt.x = ev.clientX; pt.y = ev.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse());
  }
  /** The cluster under a pointer, taken when the button goes down (a redraw may come before it goes up). */
  function cellAt(target) {
    const el = target.closest && target.closest('[data-i]');
    return el ? cells[Number(el.getAttribute('data-i'))] || null : null;
  }
  function clickOn(c) {
    if (!c) return;
    if (c.n === 1 || view.k >= MAX_K) { location.hash = '#/site/' + encodeURIComponent(c.ids[0]); return; }
    // fits the cluster's sites (at least 2× closer each click: the margin keeps co-located sites finite)
    const k0 = view.k;
    fitBox(c.x0, c.y0, c.x1, c.y1, Math.min(MAX_K, k0 * 16));
    if (view.k < k0 * 2) zoomAt(basemap.width / 2, basemap.height / 2, (k0 * 2) / view.k);
    redraw();
  }
  let drag = null;
  $('map').addEventListener('pointerdown', (ev) => { if (!basemap || ev.button !== 0) return; const p = svgPoint(ev); drag = { p, x: view.x, y: view.y, moved: false, hit: cellAt(ev.target), id: ev.pointerId }; });
  $('map').addEventListener('pointermove', (ev) => {
    if (!drag || ev.pointerId !== drag.id) return;
    const p = svgPoint(ev); const dx = p.x - drag.p.x, dy = p.y - drag.p.y;
    if (!drag.moved && dx * dx + dy * dy < 16) return;
    if (!drag.moved) { drag.moved = true; $('map').setPointerCapture(ev.pointerId); $('map').classList.add('dragging'); }
    view.x = drag.x + dx; view.y = drag.y + dy; clampView(); redraw();
  });
  const endDrag = (ev) => {
    if (!drag || ev.pointerId !== drag.id) return;
    const d = drag; drag = null; $('map').classList.remove('dragging');
    if (!d.moved && ev.type === 'pointerup') clickOn(d.hit);
  };
  $('map').addEventListener('pointerup', endDrag);
  $('map').addEventListener('pointercancel', endDrag);
  $('map').addEventListener('wheel', (ev) => { if (!basemap) return; ev.preventDefault(); const p = svgPoint(ev); zoomAt(p.x, p.y, Math.exp(-ev.deltaY * 0.002)); }, { passive: false });
  $('zoom-in').addEventListener('click', () => { if (basemap) zoomAt(basemap.width / 2, basemap.height / 2, 2); });
  $('zoom-out').addEventListener('click', () => { if (basemap) zoomAt(basemap.width / 2, basemap.height / 2, 0.5); });
  $('zoom-fit').addEventListener('click', () => { if (basemap) { fitSites(); redraw(); } });
  $('zoom-world').addEventListener('click', () => { if (basemap) { view = { k: 1, x: 0, y: 0 }; redraw(); } });

  function fillSelect(id, values) {
    const el = $(id); const cur = el.value;
    const have = [...el.options].map((o) => o.value).slice(1).join('\u0000');
    if (have === values.join('\u0000')) return;
    el.innerHTML = '<option value="">all</option>' + values.map((v) => '<option>' + esc(v) + '</option>').join('');
    el.value = values.includes(cur) ? cur : '';
  }

  // ---------- fleet view ----------
  async function refreshMap() {
    await loadBasemap();
    const r = await get('/api/v1/fleet/map');
    mapRows = r.sites;
    fillSelect('f-region', [...new Set(mapRows.map((x) => x[4]).filter(Boolean))].sort());
    fillSelect('f-vendor', [...new Set(mapRows.flatMap((x) => x[5]))].sort());
    drawMap();
  }
  async function refreshTable() {
    const f = filters(); const q = new URLSearchParams({ limit: String(PAGE) });
    for (const k of ['region', 'vendor', 'state']) if (f[k]) q.set(k, f[k]);
    if (cursors[pageNo]) q.set('cursor', cursors[pageNo]);
    const r = await get('/api/v1/sites?' + q);
    cursors[pageNo + 1] = r.nextCursor || '';
    const c = r.counts;
    $('kpi').innerHTML = ['online', 'degraded', 'draining', 'offline'].map((k) => '<div><b>' + c[k] + '</b>' + k + '</div>').join('');
    $('sites-count').textContent = '(' + fmt(Object.values(c).reduce((a, b) => a + b, 0)) + ' total)';
    $('page-no').textContent = 'page ' + (pageNo + 1);
    $('prev').disabled = pageNo === 0; $('next').disabled = !r.nextCursor;
    document.querySelector('#sites tbody').innerHTML = r.items.map((s) => '<tr data-site="' + esc(s.siteId) + '" data-state="' + esc(s.state) + '"><td>' + esc(s.siteId) + '</td><td><span class="st ' + esc(s.state) + '"></span>' + esc(s.state) + '</td><td>' + esc(s.region) + '</td><td>' + esc(s.vendors.join(', ')) + '</td>' + (hasLive(s) ? '<td>' + s.slotsFree + '/' + s.slotsTotal + '</td><td>' + Math.round(s.utilization * 100) + '%</td><td>' + fmt(Math.round(s.sitePowerW)) + ' W</td>' : '<td>' + NO_DATA + '</td><td>' + DASH + '</td><td>' + DASH + '</td>') + '<td>' + priceText(s, 2) + '</td><td' + (s.outboxDepth > 1000 ? ' class="bad"' : '') + '>' + (s.lastTelemetryMs > 0 ? s.outboxDepth : DASH) + '</td><td class="compute" data-backend="' + esc(s.compute.backend) + '">' + computeCell(s.compute) + '</td></tr>').join('');
  }
  const runTotals = (r) => { const t = {}; for (const k of ['accepted', 'acceptedMicroTokens', 'duplicate', 'gap', 'overBudget', 'late', 'unknownLease', 'tampered']) t[k] = r.sites.reduce((a, s) => a + s[k], 0); return t; };
  async function refreshRuns() {
    const [runs, total] = await Promise.all([get('/api/v1/reconciliation/runs?limit=20'), get('/api/v1/ledger/total')]);
    $('ledger-total').innerHTML = 'sum of all balances: <b class="' + (total.totalMicroTokens === 0 ? '' : 'bad') + '">' + total.totalMicroTokens + ' µT</b> (must be 0)';
    document.querySelector('#runs tbody').innerHTML = runs.items.map((r) => {
      const t = runTotals(r); const cls = t.tampered > 0 ? ' class="bad"' : (t.gap + t.late + t.overBudget + t.unknownLease) > 0 ? ' class="warn"' : '';
      return '<tr' + cls + ' data-run="' + esc(r.runId) + '"><td>' + esc(new Date(r.startedAtMs).toLocaleTimeString()) + '</td><td>' + r.sites.length + '</td><td>' + t.accepted + '</td><td>' + fmt(t.acceptedMicroTokens) + '</td><td>' + t.duplicate + '</td><td>' + t.gap + '</td><td>' + t.overBudget + '</td><td>' + t.late + '</td><td>' + t.unknownLease + '</td><td>' + t.tampered + '</td></tr>';
    }).join('');
  }
  async function refreshAlerts(siteId) {
    const r = await get('/api/v1/alerts?limit=200' + (siteId ? '&siteId=' + encodeURIComponent(siteId) : ''));
    const ackCell = (a) => a.ackedAtMs ? '<td class="acked" title="' + esc(new Date(a.ackedAtMs).toLocaleString()) + '">acked by ' + esc(a.ackedBy || '?') + '</td>' : '<td><button type="button" class="ack" data-ack="' + esc(a.id) + '">ack</button></td>';
    const rows = r.items.map((a) => '<tr class="' + (a.ackedAtMs ? 'acked ' : '') + (a.severity === 'critical' ? 'bad' : 'warn') + '" data-alert="' + esc(a.id) + '" data-acked="' + (a.ackedAtMs ? 'true' : 'false') + '"><td>' + esc(a.severity) + '</td><td>' + esc(a.kind) + '</td><td>' + esc(a.siteId) + '</td><td>' + esc(a.message) + '</td><td>' + ago(a.firstSeenMs) + '</td>' + ackCell(a) + '</tr>').join('') || '<tr><td class="muted">no active alerts</td></tr>';
    document.querySelector(siteId ? '#site-alerts tbody' : '#alerts tbody').innerHTML = rows;
  }
  async function refreshLeases() {
    const r = await get('/api/v1/leases?limit=50');
    document.querySelector('#leases tbody').innerHTML = r.items.map((h) => '<tr><td>' + esc(h.holdId.slice(0, 10)) + '</td><td>' + esc(h.customerId) + '</td><td>' + esc(h.model) + '</td><td>' + fmt(h.budget) + '</td><td>' + esc(h.leases.map((l) => l.site_id).join(', ')) + '</td></tr>').join('');
  }
  // An operator acknowledges an alert (a viewer token is told it may not).
  async function ackAlert(id) {
    try { await send('POST', '/api/v1/alerts/' + encodeURIComponent(id) + '/ack'); }
    catch (e) { if (e instanceof TokenRejected) throw e; throw new Error(/ 403 /.test(e.message) ? 'acknowledging needs an operator token' : e.message); }
    await refreshAlerts(route());
  }
  for (const id of ['alerts', 'site-alerts']) $(id).addEventListener('click', (ev) => { const b = ev.target.closest('button[data-ack]'); if (b) { b.disabled = true; guard(ackAlert)(b.dataset.ack); } });
  $('sites').addEventListener('click', (ev) => { const tr = ev.target.closest('tr[data-site]'); if (tr) location.hash = '#/site/' + encodeURIComponent(tr.dataset.site); });
  for (const id of ['f-region', 'f-vendor', 'f-state']) $(id).addEventListener('change', () => { cursors.length = 1; pageNo = 0; if (basemap) fitSites(); drawMap(); guard(refreshTable)(); });
  $('prev').addEventListener('click', () => { if (pageNo > 0) { pageNo--; guard(refreshTable)(); } });
  $('next').addEventListener('click', () => { if (cursors[pageNo + 1]) { pageNo++; guard(refreshTable)(); } });

  // ---------- site view ----------
  function chart(id, pts, key, fmtY) {
    const svg = $(id); const vals = pts.map((p) => p[key]).filter((v) => v !== null && Number.isFinite(v));
    if (vals.length < 2) { svg.innerHTML = '<text class="nodata" x="10" y="60">no data' + (pts.length ? '' : ' (no telemetry yet)') + '</text>'; return; }
    const t0 = pts[0].t, t1 = pts[pts.length - 1].t; let lo = Math.min(...vals), hi = Math.max(...vals); if (hi - lo < 1e-9) { hi += 1; lo = Math.max(0, lo - 1); }
    const xy = pts.filter((p) => p[key] !== null).map((p) => (40 + (p.t - t0) / Math.max(1, t1 - t0) * 350).toFixed(1) + ',' + (105 - (p[key] - lo) / (hi - lo) * 95).toFixed(1));
    svg.innerHTML = '<text x="2" y="14">' + esc(fmtY(hi)) + '</text><text x="2" y="108">' + esc(fmtY(lo)) + '</text><path d="M40 105H390" stroke="#243040"/>' +
      '<polyline class="series" data-points="' + xy.length + '" fill="none" stroke="#58a6ff" stroke-width="1.5" points="' + xy.join(' ') + '"/>';
  }
  async function refreshSite(id) {
    const enc = encodeURIComponent(id);
    const [s, tel, leases] = await Promise.all([get('/api/v1/sites/' + enc), get('/api/v1/sites/' + enc + '/telemetry'), get('/api/v1/leases?limit=200&siteId=' + enc)]);
    $('site-title').innerHTML = '<span class="st ' + esc(s.state) + '"></span>' + esc(s.siteId) + ' <span id="site-state" data-state="' + esc(s.state) + '">' + esc(s.state) + '</span>';
    const live = hasLive(s);
    const facts = { name: esc(s.name), region: esc(s.region), 'lat/lon': s.lat.toFixed(3) + ', ' + s.lon.toFixed(3),
      slots: live ? s.slotsFree + '/' + s.slotsTotal + ' free' : NO_DATA, utilization: live ? Math.round(s.utilization * 100) + '%' : NO_DATA,
      power: live ? fmt(Math.round(s.sitePowerW)) + ' W' : NO_DATA, 'price now': s.tariff && s.tariff.length ? s.pricePerKwhNow.toFixed(3) + ' /kWh' : DASH,
      outbox: s.lastTelemetryMs > 0 ? esc(s.outboxDepth) : NO_DATA, 'active leases': live ? esc(s.activeLeases) : NO_DATA,
      signals: 'mqtt ' + (s.signals.mqtt ? 'up' : 'down') + ' · stream ' + (s.signals.stream ? 'up' : 'down'),
      reputation: '<span id="site-reputation"' + (s.drainedByReputation ? ' class="bad"' : '') + '>' + s.reputation.toFixed(2) + (s.drainedByReputation ? ' · drained (spot-checks)' : '') + '</span>',
      'last telemetry': s.lastTelemetryMs ? ago(s.lastTelemetryMs) + ' ago' : 'never', models: s.models.length ? esc(s.models.join(', ')) : DASH, backend: esc(backendLabel(s.compute) || 'no report yet') };
    $('site-facts').innerHTML = Object.entries(facts).map(([k, v]) => '<div data-fact="' + esc(k) + '"><b>' + v + '</b>' + esc(k) + '</div>').join('');
    $('site-facts').dataset.live = String(live);
    // The hook errors of the site's last telemetry (kept while it is offline: the last thing it said).
    $('site-hook-errors').innerHTML = s.hookErrors.length
      ? s.hookErrors.map((h) => '<tr class="warn" data-hook="' + esc(h.hook) + '"><td>' + esc(h.hook) + '</td><td>' + esc(h.code) + '</td><td>' + esc(h.message) + '</td></tr>').join('')
      : '<tr><td class="muted">' + (s.lastTelemetryMs ? 'none in the last telemetry (' + ago(s.lastTelemetryMs) + ' ago)' : 'no telemetry yet') + '</td></tr>';
    chart('chart-util', tel.points, 'utilization', (v) => Math.round(v * 100) + '%');
    chart('chart-power', tel.points, 'powerW', (v) => Math.round(v) + ' W');
    chart('chart-rtt', tel.points, 'rttMs', (v) => v.toFixed(1) + ' ms');
    $('compute-backend').textContent = s.compute.backend ? '(' + backendLabel(s.compute) + ')' : '(no report yet)';
    document.querySelector('#compute tbody').innerHTML = s.compute.models.map((m) => '<tr data-model="' + esc(m.model) + '"><td>' + esc(m.model) + '</td><td>' + m.p50Ms.toFixed(2) + '</td><td>' + m.p95Ms.toFixed(2) + '</td><td>' + m.maxMs.toFixed(2) + '</td><td>' + m.requests + '</td><td>' + fmt(m.totalRequests) + '</td><td>' + ago(m.measuredAtMs) + ' ago</td></tr>').join('') || '<tr><td class="muted">' + (s.compute.simulated ? 'simulated backend: no real compute to show' : 'no request computed yet') + '</td></tr>';
    // Identity columns stay (the last known cards); live columns say "no data" when the site is not live
    // or the card did not report the value (a field missing from telemetry is not a zero).
    const cell = (ok, text) => (live && ok ? text : DASH);
    document.querySelector('#accels tbody').innerHTML = s.accelerators.map((a, i) => '<tr><td>' + esc(a.index || i) + '</td><td>' + esc(a.vendor || '') + '</td><td>' + esc(a.model || '') + '</td><td>' + esc(a.serial || '') + '</td><td>' + cell(has(a.utilization_pct) && a.utilization_pct >= 0, Math.round(a.utilization_pct) + '%') + '</td><td>' + cell(has(a.memory_total_mib) && a.memory_total_mib > 0, fmt(a.memory_used_mib || 0) + '/' + fmt(a.memory_total_mib) + '') + '</td><td>' + cell(has(a.temperature_c), Math.round(a.temperature_c) + '°C') + '</td><td>' + cell(has(a.power_w), Math.round(a.power_w) + '') + '</td><td>' + cell(has(a.slots_total), (a.slots_free || 0) + '/' + a.slots_total) + '</td></tr>').join('')
      || '<tr><td class="muted" colspan="9">' + (s.lastTelemetryMs ? 'no accelerators in the last telemetry' : 'no data: no telemetry yet') + '</td></tr>';
    document.querySelector('#site-leases tbody').innerHTML = leases.items.flatMap((h) => h.leases.filter((l) => l.site_id === id).map((l) => '<tr><td>' + esc(l.lease_id.slice(0, 12)) + '</td><td>' + esc(h.customerId) + '</td><td>' + esc(h.model) + '</td><td>' + esc(new Date(l.expires_at_ms).toLocaleTimeString()) + '</td></tr>')).join('') || '<tr><td class="muted">no live leases</td></tr>';
    await refreshSiteBurns(id);
    await refreshAlerts(id);
  }
  async function refreshSiteBurns(id) {
    const enc = encodeURIComponent(id);
    let html = '';
    try { // the site statement (routes-ledger) when this coordinator has it, else earnings
      const [st, earn] = await Promise.all([get('/api/v1/sites/' + enc + '/statement?limit=20'), get('/api/v1/sites/' + enc + '/earnings')]);
      html += '<div class="facts"><div><b id="site-earnings">' + fmt(earn.microTokens) + ' µT</b>earned (reconciled)</div></div>';
      html += '<table id="site-statement"><thead><tr><th>time</th><th>kind</th><th>µT</th><th>seq</th><th>accelerator</th><th>serial</th><th>lease</th></tr></thead><tbody>' + st.items.map((e) => '<tr><td>' + esc(new Date(e.createdAtMs).toLocaleTimeString()) + '</td><td>' + esc(e.kind) + '</td><td>' + fmt(e.delta) + '</td><td>' + esc(e.seq ?? '') + '</td><td>' + esc(e.acceleratorModel || '') + '</td><td>' + esc(e.acceleratorSerial || '') + '</td><td>' + esc((e.leaseId || '').slice(0, 12)) + '</td></tr>').join('') + '</tbody></table>';
    } catch (e) { // a coordinator without statements
      const earn = await get('/api/v1/sites/' + enc + '/earnings');
      html += '<div class="facts"><div><b id="site-earnings">' + fmt(earn.microTokens) + ' µT</b>earned (reconciled)</div></div>';
    }
    const runs = await get('/api/v1/reconciliation/runs?limit=50');
    const mine = runs.items.flatMap((r) => r.sites.filter((s) => s.siteId === id).map((s) => ({ r, s })));
    html += '<table><thead><tr><th>run</th><th>accepted</th><th>µT</th><th>gap</th><th>late</th><th>tampered</th><th>acked seq</th></tr></thead><tbody>' + mine.map(({ r, s }) => '<tr' + (s.tampered ? ' class="bad"' : s.gap + s.late + s.overBudget + s.unknownLease ? ' class="warn"' : '') + '><td>' + esc(new Date(r.startedAtMs).toLocaleTimeString()) + '</td><td>' + s.accepted + '</td><td>' + fmt(s.acceptedMicroTokens) + '</td><td>' + s.gap + '</td><td>' + s.late + '</td><td>' + s.tampered + '</td><td>' + s.ackedSeq + '</td></tr>').join('') + '</tbody></table>';
    $('site-burns').innerHTML = html;
  }

  // ---------- routing, refresh, live events ----------
  const route = () => { const r = /^#\/site\/(.+)$/.exec(location.hash); return r ? decodeURIComponent(r[1]) : null; };
  function guard(fn) {
    return (...a) => fn(...a).then(() => showErr(null), (e) => {
      if (e instanceof TokenRejected) signOut('The token was rejected: it is not (or no longer) one this coordinator accepts. Enter another.');
      else showErr(e);
    });
  }
  let shownSite = null;
  async function refreshAll() {
    if (!signedIn) return;
    const site = route();
    $('fleet-view').hidden = !!site; $('site-view').hidden = !site;
    if (site && site !== shownSite) { // another site: never show the last one's facts under this name
      shownSite = site;
      $('site-title').textContent = site + ' (loading…)';
      for (const id of ['site-facts', 'site-hook-errors', 'site-burns']) $(id).innerHTML = '';
      for (const sel of ['#accels tbody', '#site-leases tbody', '#site-alerts tbody']) document.querySelector(sel).innerHTML = '';
    }
    if (site) await refreshSite(site);
    else await Promise.all([refreshMap(), refreshTable(), refreshAlerts(), refreshRuns(), refreshLeases(), window.EdgefleetFleetViews.refresh(get), window.EdgefleetReservations.refresh(get), window.EdgefleetQueueView.refresh(get), window.EdgefleetPackages.refresh(get)]);
  }
  window.addEventListener('hashchange', guard(refreshAll));
  let pending = null;
  function soon(ms) { if (pending) return; pending = setTimeout(() => { pending = null; guard(refreshAll)(); }, ms); }

  let live = false;
  let es = null;
  function connect() {
    if (!window.EventSource) return;
    es = new EventSource('/api/v1/events?access_token=' + encodeURIComponent(token));
    es.addEventListener('hello', () => { live = true; $('live').textContent = 'live'; $('live').className = 'live on'; });
    es.addEventListener('site', (ev) => {
      const c = JSON.parse(ev.data);
      const row = mapRows.find((r) => r[0] === c.siteId);
      if (row) { row[3] = c.to; if (!route()) redraw(); }
      const tr = document.querySelector('#sites tr[data-site="' + CSS.escape(c.siteId) + '"]');
      if (tr) { tr.dataset.state = c.to; tr.children[1].innerHTML = '<span class="st ' + esc(c.to) + '"></span>' + esc(c.to); }
      const ss = $('site-state'); if (ss && route() === c.siteId) { ss.dataset.state = c.to; ss.textContent = c.to; }
      soon(300);
    });
    es.addEventListener('run', () => soon(500));
    es.addEventListener('alert', () => soon(300));
    es.onerror = () => { live = false; $('live').textContent = 'polling'; $('live').className = 'live'; };
  }

  // ---------- sign-in ----------
  let signedIn = false;
  const timers = [];
  function start() {
    signedIn = true;
    $('signin').hidden = true; $('signout').hidden = false; $('live').hidden = false;
    connect();
    guard(refreshAll)();
    // Polling fallback (and charts): fast while the event stream is down, slow while it is up.
    timers.push(setInterval(() => { if (!live || route()) guard(refreshAll)(); }, 2000));
    timers.push(setInterval(() => { if (live) guard(refreshAll)(); }, 10000));
  }
  function signOut(message) {
    signedIn = false; live = false; token = '';
    localStorage.removeItem(TOKEN_KEY);
    if (es) { es.close(); es = null; }
    while (timers.length) clearInterval(timers.pop());
    $('fleet-view').hidden = true; $('site-view').hidden = true; $('signout').hidden = true; $('live').hidden = true;
    $('kpi').innerHTML = ''; showErr(null);
    $('signin').hidden = false;
    const msg = $('signin-msg');
    if (message) { msg.textContent = message; msg.className = 'bad'; msg.dataset.reason = 'rejected'; }
    else { msg.textContent = 'This NOC needs an API token (any role; a viewer token is enough).'; msg.className = 'muted'; delete msg.dataset.reason; }
    $('signin-token').value = '';
    $('signin-token').focus();
  }
  /** Tries the token on a viewer endpoint before keeping it: a 401 means the coordinator does not know it. */
  async function trySignIn(candidate) {
    token = candidate;
    try { await get('/api/v1/alerts?limit=1'); }
    catch (e) {
      if (e instanceof TokenRejected) { signOut('The token was rejected: this coordinator does not know it. Check it and try again.'); return; }
      token = ''; $('signin-msg').textContent = 'Could not reach the coordinator: ' + String(e.message || e); $('signin-msg').className = 'bad'; return;
    }
    localStorage.setItem(TOKEN_KEY, candidate);
    start();
  }
  $('signin-form').addEventListener('submit', (ev) => { ev.preventDefault(); const t = $('signin-token').value.trim(); if (t) void trySignIn(t); });
  $('signout').addEventListener('click', (ev) => { ev.preventDefault(); signOut(null); });
  if (token) void trySignIn(token); else signOut(null);
})();
