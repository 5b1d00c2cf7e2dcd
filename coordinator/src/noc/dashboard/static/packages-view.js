// The NOC's token packages: the catalogue on offer (GET /api/v1/packages) and the recent purchases
// of every customer (GET /api/v1/purchases), grouped by customer with what each spent, money in
// its currency. Plain script: defines window.EdgefleetPackages; noc.js calls refresh(get) with its
// API getter.
'use strict';
(function (root) {
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));
  const two = (n) => String(n).padStart(2, '0');
  /** Local date and time as YYYY-MM-DD HH:MM. */
  const when = (ms) => { const d = new Date(ms); return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' + two(d.getHours()) + ':' + two(d.getMinutes()); };
  /** Tokens (1,000,000 µT) with up to 6 decimals. */
  const tokens = (µT) => (µT / 1e6).toLocaleString('en', { maximumFractionDigits: 6 });
  const formats = new Map();
  function currencyFormat(currency) {
    if (!formats.has(currency)) formats.set(currency, new Intl.NumberFormat('en', { style: 'currency', currency }));
    return formats.get(currency);
  }
  /** Integer minor units as currency ("€150.00", "¥200"): the currency's own minor unit. */
  function money(minor, currency) {
    const f = currencyFormat(currency);
    return f.format(minor / 10 ** f.resolvedOptions().maximumFractionDigits);
  }
  /** Sums by currency, "€165.00" or "€150.00 + $20.00". */
  function spent(purchases) {
    const by = new Map();
    for (const p of purchases) by.set(p.currency, (by.get(p.currency) || 0) + p.priceMinor);
    return [...by].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([c, m]) => money(m, c)).join(' + ');
  }
  const noData = (cols, what) => '<tr class="none"><td colspan="' + cols + '"><span class="nodata">no data</span> (' + what + ')</td></tr>';

  function drawCatalogue(items) {
    $('pkg-count').textContent = items.length ? '(' + items.length + ')' : '';
    document.querySelector('#pkg-table tbody').innerHTML = items.length
      ? items.map((p) => '<tr data-package="' + esc(p.id) + '"><td>' + esc(p.id) + '</td><td>' + esc(p.name) + '</td><td class="num">' + esc(tokens(p.microTokens)) + '</td><td class="num">' + esc(money(p.priceMinor, p.currency)) + '</td><td class="num">' + esc(money(Math.round((p.priceMinor * 1e6) / p.microTokens), p.currency)) + '</td><td class="num">' + esc(p.validDays) + ' d</td></tr>').join('')
      : noData(6, 'no package defined');
  }

  /** Purchases grouped by customer (customers by name), each group newest first under its total. */
  function drawPurchases(items, now) {
    const groups = new Map();
    for (const p of items) { if (!groups.has(p.customerId)) groups.set(p.customerId, []); groups.get(p.customerId).push(p); }
    const customers = [...groups.keys()].sort();
    $('pkg-buy-count').textContent = items.length ? '(' + items.length + ')' : '';
    document.querySelector('#pkg-purchases tbody').innerHTML = items.length
      ? customers.map((c) => {
        const mine = groups.get(c).slice().sort((a, b) => b.purchasedAtMs - a.purchasedAtMs);
        const head = '<tr class="group" data-customer="' + esc(c) + '"><th colspan="3">' + esc(c) + ' · ' + mine.length + (mine.length === 1 ? ' purchase' : ' purchases') + '</th><td class="num">' + esc(spent(mine)) + '</td><td colspan="3"></td></tr>';
        return head + mine.map((p) => {
          const state = p.expiredAtMs !== null ? 'expired' : p.expiresAtMs <= now ? 'expiring' : 'live';
          return '<tr data-purchase="' + esc(p.purchaseId) + '"><td>' + esc(c) + '</td><td>' + esc(p.packageId) + '</td><td class="num">' + esc(tokens(p.microTokens)) + '</td><td class="num">' + esc(money(p.priceMinor, p.currency)) + '</td><td>' + esc(when(p.purchasedAtMs)) + '</td><td>' + esc(when(p.expiresAtMs)) + '</td><td class="pkg-' + state + '">' + state + '</td></tr>';
        }).join('');
      }).join('')
      : noData(7, 'no purchase yet');
  }

  function draw(packages, purchases, now) {
    drawCatalogue(packages);
    drawPurchases(purchases, now);
  }

  async function refresh(get) {
    const [packages, purchases] = await Promise.all([get('/api/v1/packages'), get('/api/v1/purchases?limit=200')]);
    draw(packages.items, purchases.items, Date.now());
  }
  root.EdgefleetPackages = { refresh, draw, money };
})(window);
