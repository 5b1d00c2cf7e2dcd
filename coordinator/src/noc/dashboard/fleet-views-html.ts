const WINDOWS: [number, string][] = [
  [900, '15 min'],
  [3600, '1 h'],
  [6 * 3600, '6 h'],
  [86_400, '24 h'],
  [7 * 86_400, '7 days'],
];

const chart = (id: string, title: string, extra = '') =>
  `<figure><figcaption>${title}${extra}</figcaption><div class="chart-box" id="${id}"></div></figure>`;

const moneyTable = (id: string, who: string, what: string) =>
  `<div class="scroll"><table id="${id}" class="money"><thead><tr><th>${who}</th><th>${what}</th><th>µT</th><th>µT/h</th><th>burns</th><th></th></tr></thead><tbody></tbody></table></div>`;

/**
 * The fleet views' sections of the NOC page (static/fleet-views.js fills them): utilization over
 * the last hour, compute latency and SLO misses per region as sites measure it and as vehicles
 * measure it end to end, money per customer and site.
 */
export function fleetViewsHtml(): string {
  return `<section class="wide" id="fv-util"><h2>Utilization · last hour</h2><div class="charts">
${chart('fv-util-fleet', 'Fleet')}${chart('fv-util-region', 'By region')}${chart('fv-util-profile', 'By accelerator')}</div></section>
<section class="wide" id="fv-latency"><h2>Compute per request by region · last hour</h2><div class="charts">
${chart('fv-lat-p50', 'p50')}${chart('fv-lat-p95', 'p95')}${chart('fv-slo', 'SLO misses', ' <span id="fv-slo-ms" class="muted"></span>')}</div>
<p class="muted">As the sites measure it (backend run time per request, no queueing or network); simulated backends are left out. A request misses the SLO when it ran in a report interval whose p95 was over the SLO.</p></section>
<section class="wide" id="fv-vehicle"><h2>Vehicles' latency by region · last hour</h2><div class="charts">
${chart('fv-veh-p50', 'p50')}${chart('fv-veh-p95', 'p95')}${chart('fv-veh-slo', 'SLO misses', ' <span id="fv-veh-slo-ms" class="muted"></span>')}</div>
<p class="muted">As the vehicles' SDKs measure it, end to end (request sent → answer: network, queueing and compute), reported with each Renew and Release, by the region of the site that answered. A request misses the SLO when it took longer (counted at the report's bucket precision).</p></section>
<section class="wide" id="fv-money"><h2>Money <label class="muted">window <select id="fv-window">${WINDOWS.map(([s, label]) => `<option value="${s}"${s === 3600 ? ' selected' : ''}>${label}</option>`).join('')}</select></label></h2>
<div id="fv-money-total" class="facts"></div><div class="charts two">
<div><h3>Paid per customer</h3>${moneyTable('fv-customers', 'customer', 'paid')}</div>
<div><h3>Earned per site</h3>${moneyTable('fv-sites', 'site', 'earned')}</div></div></section>`;
}
