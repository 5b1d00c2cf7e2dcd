/**
 * The NOC page's reservations section (static/reservations-view.js fills it): the reservations
 * booked and not yet over — active now or upcoming — of every customer.
 */
export function reservationsHtml(): string {
  return `<section class="wide" id="rsv"><h2>Reservations <span id="rsv-count" class="muted"></span></h2>
<div class="scroll"><table id="rsv-table"><thead><tr><th>customer</th><th>class</th><th>slots</th><th>window</th><th>status</th><th>price µT</th></tr></thead><tbody></tbody></table></div>
<p class="muted">Booked reservations whose window has not ended, soonest first; the price is held in escrow until the window ends (docs/market.md).</p></section>`;
}
