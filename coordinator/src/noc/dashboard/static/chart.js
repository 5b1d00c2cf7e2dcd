// Line charts for the NOC's fleet views, drawn as SVG: a real time axis (HH:MM ticks), a y axis with
// ticks, one line per series. A missing value (null) breaks its line: a gap is "no data", never a
// drop to 0. A series with no value at all is listed as "no data" in the legend, and a chart with no
// value at all says so across its plot. Plain script: defines window.EdgefleetChart.
'use strict';
(function (root) {
  const W = 600, H = 200, L = 52, R = 12, T = 10, B = 24;
  const COLORS = ['#58a6ff', '#3fb950', '#d29922', '#f778ba', '#a371f7', '#39c5cf', '#f85149', '#8a99a8'];
  const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));
  const pad2 = (n) => String(n).padStart(2, '0');
  const hhmm = (t) => { const d = new Date(t); return pad2(d.getHours()) + ':' + pad2(d.getMinutes()); };
  const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 240].map((m) => m * 60_000);

  /** Whole-minute ticks, about five across the window, on round local times. */
  function timeTicks(t0, t1) {
    const step = TIME_STEPS.find((s) => (t1 - t0) / s <= 6) || TIME_STEPS[TIME_STEPS.length - 1];
    const off = new Date(t0).getTimezoneOffset() * 60_000;
    const out = [];
    for (let t = Math.ceil((t0 - off) / step) * step + off; t <= t1; t += step) out.push(t);
    return out;
  }

  /** 0 up to a round number at or above hi, in 4 or 5 steps. */
  function valueTicks(hi) {
    if (!(hi > 0)) hi = 1;
    const raw = hi / 4; const mag = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw);
    const out = [];
    for (let v = 0; v < hi + step * 0.999; v += step) out.push(Number(v.toPrecision(12)));
    return out;
  }

  /**
   * Draws into `el` (a container: an svg and a legend are put in it).
   * o.series: [{ key, points: [[t, v | null], …] }] oldest first; o.t0, o.t1: the time window (ms);
   * o.yMax: a fixed top (1 for a share), else from the data; o.fmtY: value → tick text.
   */
  function line(el, o) {
    const x = (t) => L + ((t - o.t0) / Math.max(1, o.t1 - o.t0)) * (W - L - R);
    const vals = o.series.flatMap((s) => s.points.filter((p) => p[1] !== null && p[0] >= o.t0).map((p) => p[1]));
    const ticks = valueTicks(o.yMax || Math.max(0, ...vals));
    const top = ticks[ticks.length - 1];
    const y = (v) => H - B - (v / top) * (H - B - T);
    let g = '<g class="y-axis">' + ticks.map((v) => '<path d="M' + L + ' ' + y(v).toFixed(1) + 'H' + (W - R) + '" class="grid"/><text class="tick" x="' + (L - 4) + '" y="' + (y(v) + 3).toFixed(1) + '" text-anchor="end">' + esc(o.fmtY(v)) + '</text>').join('') + '</g>';
    g += '<g class="x-axis"><path d="M' + L + ' ' + (H - B) + 'H' + (W - R) + '" class="axis"/>' + timeTicks(o.t0, o.t1).map((t) => '<path d="M' + x(t).toFixed(1) + ' ' + (H - B) + 'v4" class="axis"/><text class="tick" x="' + x(t).toFixed(1) + '" y="' + (H - 6) + '" text-anchor="middle">' + hhmm(t) + '</text>').join('') + '</g>';
    const legend = [];
    o.series.forEach((s, i) => {
      const color = COLORS[i % COLORS.length];
      const pts = s.points.filter((p) => p[0] >= o.t0 && p[0] <= o.t1);
      let d = '', run = 0, dots = '', n = 0;
      pts.forEach((p, j) => {
        if (p[1] === null) { run = 0; return; }
        const px = x(p[0]).toFixed(1), py = y(p[1]).toFixed(1);
        d += (run ? 'L' : 'M') + px + ' ' + py; run++; n++;
        const next = pts[j + 1];
        if (run === 1 && (!next || next[1] === null)) dots += '<circle cx="' + px + '" cy="' + py + '" r="2.5" fill="' + color + '"/>'; // a lone point
      });
      if (n) g += '<g class="series" data-key="' + esc(s.key) + '" data-points="' + n + '"><path d="' + d + '" fill="none" stroke="' + color + '" stroke-width="1.6"/>' + dots + '</g>';
      const last = pts.length ? pts[pts.length - 1][1] : null;
      legend.push('<span data-key="' + esc(s.key) + '"' + (n ? '' : ' class="nodata"') + '><i style="background:' + color + '"></i>' + esc(s.key) + ' ' + (n ? (last === null ? '<span class="nodata">no data now</span>' : esc(o.fmtY(last))) : 'no data') + '</span>');
    });
    if (!vals.length) g += '<text class="nodata" x="' + (L + (W - L - R) / 2) + '" y="' + (H / 2) + '" text-anchor="middle">no data</text>';
    el.innerHTML = '<svg class="chart line" viewBox="0 0 ' + W + ' ' + H + '" role="img">' + g + '</svg><div class="chart-legend">' + legend.join('') + '</div>';
    el.dataset.empty = String(!vals.length);
  }

  root.EdgefleetChart = { line, timeTicks, valueTicks };
})(typeof window !== 'undefined' ? window : globalThis);
