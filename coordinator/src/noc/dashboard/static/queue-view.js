// The NOC's acquire-queue view: who waits now (per customer: requests, plan weight, how long its
// oldest request has waited, its place in the service order), and per minute over the last hour
// the granted requests' wait percentiles and how requests left the queue. "no data" until the
// queue has been used. Data: GET /api/v1/fleet/queue. Charts: chart.js.
// Plain script: defines window.EdgefleetQueueView; noc.js calls refresh(get) with its API getter.
'use strict';
(function (root) {
  const HOUR = 3_600_000;
  const OUTCOMES = ['granted', 'timeout', 'full', 'no_site', 'cancelled', 'abandoned', 'error'];
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));
  const fmt = (n) => Number(n).toLocaleString('en');
  const dur = (v) => (v < 1000 ? Math.round(v) + ' ms' : Number((v / 1000).toFixed(v < 10_000 ? 1 : 0)) + ' s');
  const NO_DATA = '<span class="nodata">no data</span>';

  function drawFacts(q) {
    if (!q.used) {
      $('fvq-facts').innerHTML = '<div><b>' + NO_DATA + '</b>the queue has not been used on this replica</div>';
      return;
    }
    const now = q.now || { waiting: 0, maxWaiting: 0, customers: [] };
    const longest = now.customers.length ? Math.max(...now.customers.map((c) => c.headWaitMs)) : null;
    const h = q.hour;
    $('fvq-facts').innerHTML = '<div><b id="fvq-waiting">' + fmt(now.waiting) + '</b>waiting now (of ' + fmt(now.maxWaiting) + ')</div>' +
      '<div><b>' + (longest === null ? '–' : esc(dur(longest))) + '</b>longest wait now</div>' +
      '<div><b id="fvq-granted">' + fmt(h.outcomes.granted) + '</b>granted in the hour</div>' +
      '<div><b>' + fmt(h.outcomes.timeout) + '</b>timed out</div><div><b>' + fmt(h.outcomes.full) + '</b>refused (full)</div>' +
      '<div><b id="fvq-p95">' + (h.waitP95Ms === null ? NO_DATA : esc(dur(h.waitP95Ms))) + '</b>p95 wait until granted</div>';
  }

  function drawCustomers(q) {
    const list = q.now ? q.now.customers : [];
    document.querySelector('#fvq-customers tbody').innerHTML = list.length
      ? list.map((c) => '<tr data-customer="' + esc(c.customerId) + '"><td>' + esc(c.customerId) + '</td><td class="num">' + fmt(c.waiting) + '</td><td class="num">' + esc(c.weight) + '</td><td class="num">' + esc(dur(c.headWaitMs)) + '</td><td class="num">' + fmt(c.headPosition) + '</td></tr>').join('')
      : '<tr class="none"><td colspan="5">' + (q.used ? 'nobody waits now' : NO_DATA + ' (the queue has not been used)') + '</td></tr>';
  }

  function drawCharts(q) {
    const t1 = Date.now();
    const line = (key, field) => ({ key, points: q.points.map((p) => [p.t, field(p)]) });
    const longest = Math.max(0, ...q.points.map((p) => p.waitP99Ms || 0));
    root.EdgefleetChart.line($('fvq-wait'), {
      series: [line('p50', (p) => p.waitP50Ms), line('p95', (p) => p.waitP95Ms), line('p99', (p) => p.waitP99Ms)],
      t0: t1 - HOUR, t1, fmtY: dur, yMax: Math.max(4, longest), // whole milliseconds on the ticks
    });
    // Every outcome seen in the hour gets a line (granted always, once the queue is used).
    const seen = OUTCOMES.filter((o) => o === 'granted' || q.hour.outcomes[o] > 0);
    const most = Math.max(0, ...q.points.flatMap((p) => seen.map((o) => p.outcomes[o])));
    root.EdgefleetChart.line($('fvq-outcomes'), {
      series: q.used ? seen.map((o) => line(o, (p) => p.outcomes[o])) : [],
      t0: t1 - HOUR, t1, fmtY: fmt, yMax: Math.max(4, most), // whole requests: integer ticks
    });
  }

  /** Draws a GET /api/v1/fleet/queue answer. */
  function draw(q) {
    drawFacts(q);
    drawCustomers(q);
    drawCharts(q);
  }

  async function refresh(get) {
    draw(await get('/api/v1/fleet/queue'));
  }
  root.EdgefleetQueueView = { refresh, draw };
})(window);
