// The NOC's fleet views: utilization over the last hour (fleet, each region, each accelerator
// profile), compute latency and SLO misses per region, and money per customer and per site in a
// chosen window. Data: GET /api/v1/fleet/history and /api/v1/fleet/money. Charts: chart.js.
// Plain script: defines window.EdgefleetFleetViews; noc.js calls refresh(get) with its API getter.
'use strict';
(function (root) {
  const HOUR = 3_600_000;
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));
  const fmt = (n) => Number(n).toLocaleString('en');
  const pct = (v) => Math.round(v * 100) + '%';
  const ms = (v) => (v < 10 ? Number(v.toFixed(1)) : Math.round(v)) + ' ms';
  const NO_DATA = '<span class="nodata">no data</span>';

  /** One chart per field: each series' points as [t, value | null]. */
  function draw(id, series, field, fmtY, yMax) {
    const t1 = Date.now();
    root.EdgefleetChart.line($(id), {
      series: series.map((s) => ({ key: s.key, points: s.points.map((p) => [p.t, typeof field === 'function' ? field(p) : p[field]]) })),
      t0: t1 - HOUR, t1, fmtY, yMax,
    });
  }
  const busyShare = (p) => (p.slotsTotal > 0 ? p.slotsBusy / p.slotsTotal : null);

  // The draw* functions draw data already fetched (the history per grouping, the money answer);
  // refresh() fetches and draws. test/bench/noc.bench.ts times each draw* on its own.
  function drawUtilization(fleet, region, profile) {
    const f = fleet.series[0] || { key: 'fleet', points: [] };
    draw('fv-util-fleet', [{ key: 'utilization', points: f.points.map((p) => ({ t: p.t, v: p.utilization })) }, { key: 'slots busy', points: f.points.map((p) => ({ t: p.t, v: busyShare(p) })) }], 'v', pct, 1);
    draw('fv-util-region', region.series, 'utilization', pct, 1);
    draw('fv-util-profile', profile.series, 'utilization', pct, 1);
  }
  function drawLatency(region) {
    draw('fv-lat-p50', region.series, 'latencyP50Ms', ms);
    draw('fv-lat-p95', region.series, 'latencyP95Ms', ms);
    draw('fv-slo', region.series, 'sloMissRate', pct, 1);
    $('fv-slo-ms').textContent = '(p95 over ' + region.sloMs + ' ms)';
    draw('fv-veh-p50', region.series, 'vehicleP50Ms', ms);
    draw('fv-veh-p95', region.series, 'vehicleP95Ms', ms);
    draw('fv-veh-slo', region.series, 'vehicleSloMissRate', pct, 1);
    $('fv-veh-slo-ms').textContent = '(over ' + region.vehicleSloMs + ' ms)';
  }
  async function refreshHistory(get) {
    const [fleet, region, profile] = await Promise.all(['fleet', 'region', 'profile'].map((by) => get('/api/v1/fleet/history?by=' + by)));
    drawUtilization(fleet, region, profile);
    drawLatency(region);
  }

  // ---------- money ----------
  const money = (minor, m) => {
    const exp = m.minorUnitExponent; const abs = Math.abs(Math.round(minor));
    const major = exp === 0 ? String(abs) : Math.floor(abs / 10 ** exp) + '.' + String(abs % 10 ** exp).padStart(exp, '0');
    return (minor < 0 ? '-' : '') + major + ' ' + m.currency;
  };
  function rows(lines, idKey, attr) {
    if (!lines.length) return '<tr class="none"><td colspan="6">' + NO_DATA + ' (no burn reconciled in this window)</td></tr>';
    const top = Math.max(1, ...lines.map((l) => l.microTokens));
    return lines.map((l) => '<tr data-' + attr + '="' + esc(l[idKey]) + '"><td>' + esc(l[idKey]) + '</td><td class="num">' + esc(l.formatted) + '</td><td class="num">' + fmt(l.microTokens) + '</td><td class="num">' + fmt(l.microTokensPerHour) + '</td><td class="num">' + fmt(l.burns) + '</td><td class="barcell"><i class="bar" style="width:' + ((l.microTokens / top) * 100).toFixed(1) + '%"></i></td></tr>').join('');
  }
  async function refreshMoney(get) {
    const windowS = Number($('fv-window').value) || 3600;
    drawMoney(await get('/api/v1/fleet/money?limit=20&windowS=' + windowS));
  }
  function drawMoney(m) {
    const perHour = (m.total.minor * 3600) / m.windowS;
    $('fv-money-total').innerHTML = '<div><b id="fv-paid">' + esc(m.total.formatted) + '</b>paid in the window</div>' +
      '<div><b id="fv-burn-rate">' + fmt(m.total.microTokensPerHour) + ' µT/h</b>burn rate</div>' +
      '<div><b>' + esc(money(perHour, m)) + '/h</b>money rate</div><div><b>' + fmt(m.total.burns) + '</b>burns</div>' +
      '<div><b>' + esc(money(m.minorPerToken, m)) + '</b>per token (base price)</div>';
    document.querySelector('#fv-customers tbody').innerHTML = rows(m.customers, 'customerId', 'customer');
    document.querySelector('#fv-sites tbody').innerHTML = rows(m.sites, 'siteId', 'site');
  }

  let getter = null;
  async function refresh(get) {
    getter = get;
    await Promise.all([refreshHistory(get), refreshMoney(get)]);
  }
  $('fv-sites').addEventListener('click', (ev) => { const tr = ev.target.closest('tr[data-site]'); if (tr) location.hash = '#/site/' + encodeURIComponent(tr.dataset.site); });
  $('fv-window').addEventListener('change', () => { if (getter) refreshMoney(getter).catch((e) => { $('err').textContent = String(e.message || e); }); });
  root.EdgefleetFleetViews = { refresh, drawUtilization, drawLatency, drawMoney };
})(window);
