/**
 * The NOC page's acquire-queue section (static/queue-view.js fills it): who waits now, per
 * customer, and the queue's outcomes and wait-time percentiles over the last hour.
 */
export function queueHtml(): string {
  return `<section class="wide" id="fv-queue"><h2>Acquire queue · last hour <span class="muted">(this replica)</span></h2>
<div id="fvq-facts" class="facts"></div><div class="charts">
<div><h3>Waiting now</h3><div class="scroll"><table id="fvq-customers" class="money"><thead><tr><th>customer</th><th>waiting</th><th>weight</th><th>head waited</th><th>next at</th></tr></thead><tbody></tbody></table></div></div>
<figure><figcaption>Wait until granted (per minute)</figcaption><div class="chart-box" id="fvq-wait"></div></figure>
<figure><figcaption>Left the queue (per minute)</figcaption><div class="chart-box" id="fvq-outcomes"></div></figure></div>
<p class="muted">Acquires that asked to wait (max_queue_ms) and found no free slot, in this replica's fair queue (docs/market.md): weighted across customers by plan, FIFO within one. "next at" is the customer's oldest request's place in the service order (0 = served next). Outcomes as edgefleet_acquire_queue_outcomes_total counts them.</p></section>`;
}
