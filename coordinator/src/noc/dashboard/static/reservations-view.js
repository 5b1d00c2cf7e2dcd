// The NOC's reservations: the booked reservations whose window has not ended (active now or
// upcoming), every customer's, soonest start first. Data: GET /api/v1/reservations (a viewer
// token lists all customers'). Plain script: defines window.EdgefleetReservations; noc.js calls
// refresh(get) with its API getter.
'use strict';
(function (root) {
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));
  const fmt = (n) => Number(n).toLocaleString('en');
  const two = (n) => String(n).padStart(2, '0');
  /** Local time as YYYY-MM-DD HH:MM (the date is left out of an end on the start's day). */
  const day = (d) => d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
  const hm = (d) => two(d.getHours()) + ':' + two(d.getMinutes());
  function windowText(startMs, endMs) {
    const s = new Date(startMs); const e = new Date(endMs);
    return day(s) + ' ' + hm(s) + '–' + (day(e) === day(s) ? '' : day(e) + ' ') + hm(e);
  }
  function classText(k) {
    const parts = [];
    if (k.region) parts.push(k.region);
    if (k.siteIds.length) parts.push(k.siteIds.join(', '));
    if (k.acceleratorKinds.length) parts.push(k.acceleratorKinds.join(', '));
    if (k.domesticOnly) parts.push('domestic only');
    return parts.join(' · ') || 'any';
  }

  /** Draws the reservations of a list answer as they stand at `now`. */
  function draw(items, now) {
    const open = items.filter((r) => r.status === 'booked' && r.endMs > now).sort((a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : 1));
    $('rsv-count').textContent = open.length ? '(' + open.length + ')' : '';
    document.querySelector('#rsv-table tbody').innerHTML = open.length
      ? open.map((r) => {
        const state = r.startMs <= now ? 'active' : 'upcoming';
        return '<tr data-reservation="' + esc(r.id) + '"><td>' + esc(r.customerId) + '</td><td>' + esc(classText(r.class)) + '</td><td class="num">' + fmt(r.slots) + '</td><td>' + esc(windowText(r.startMs, r.endMs)) + '</td><td class="rsv-' + state + '">' + state + '</td><td class="num">' + fmt(r.price) + '</td></tr>';
      }).join('')
      : '<tr class="none"><td colspan="6"><span class="nodata">no reservations</span> (none booked now or upcoming)</td></tr>';
  }

  async function refresh(get) {
    const answer = await get('/api/v1/reservations?status=booked&limit=500');
    draw(answer.items, Date.now());
  }
  root.EdgefleetReservations = { refresh, draw };
})(window);
