/**
 * The NOC page's token packages section (static/packages-view.js fills it): the catalogue on
 * offer, and the recent purchases grouped by customer, money shown in its currency.
 */
export function packagesHtml(): string {
  return `<section class="wide" id="pkg"><h2>Token packages <span id="pkg-count" class="muted"></span></h2>
<div class="scroll"><table id="pkg-table"><thead><tr><th>package</th><th>name</th><th>tokens</th><th>price</th><th>per token</th><th>valid</th></tr></thead><tbody></tbody></table></div>
<h3>Recent purchases by customer <span id="pkg-buy-count" class="muted"></span></h3>
<div class="scroll"><table id="pkg-purchases"><thead><tr><th>customer</th><th>package</th><th>tokens</th><th>price</th><th>bought</th><th>expires</th><th>state</th></tr></thead><tbody></tbody></table></div>
<p class="muted">A token is one hour of a reference H100 (1,000,000 µT); a purchase credits its tokens at once and what is unspent at expiry leaves the balance (docs/market.md).</p></section>`;
}
