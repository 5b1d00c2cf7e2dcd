/**
 * The capacity market over a synthetic week (docs/market.md): one pool of slots, several customers
 * with diurnal demand, commute peaks and random bursts; two customers hold reservations for their
 * rush hours, booked through the real capacity calendar. Three policies serve the same arrivals:
 *
 * - `refuse`: today's Acquire — a free slot or an immediate refusal.
 * - `fifo`: one queue in arrival order; a request leaves it when served or when its deadline passes.
 * - `edgefleet`: reservations first (a reserved request takes a free slot, else preempts the
 *   youngest best-effort lease inside the reserved share), then the real FairQueue across customers
 *   by plan weight; a request whose expected wait already exceeds its deadline is refused at once
 *   with the wait it would have had, instead of waiting in vain.
 *
 * Time moves in 10 s steps; a lease holds its slot for whole steps. Deterministic per seed.
 */
import { mulberry32 } from '@edgefleet/firmware-hooks';
import { canHonour, FairQueue, type ReservationSpan } from '@edgefleet/coordinator';

export type Policy = 'refuse' | 'fifo' | 'edgefleet';
export const POLICIES: readonly Policy[] = ['refuse', 'fifo', 'edgefleet'];

export interface MarketOptions {
  seed: number;
  days: number;
  slots: number;
  /** Mean arrivals per step over the day, fleet-wide, before peaks and bursts. */
  meanArrivalsPerStep: number;
  /** Mean lease length in steps (geometric). */
  meanHoldSteps: number;
  /** How long a request may wait, in steps. */
  patienceSteps: number;
}

export const DEFAULT_MARKET: MarketOptions = {
  seed: 11,
  days: 7,
  slots: 120,
  meanArrivalsPerStep: 4.0,
  meanHoldSteps: 30,
  patienceSteps: 18,
};

const STEP_S = 10;
const STEPS_PER_DAY = 86_400 / STEP_S;

interface Customer {
  id: string;
  weight: number;
  share: number;
  /** Hours of the day with a reservation, and its slots (0: best effort only). */
  reserved: { fromH: number; toH: number; slots: number };
  peakH: readonly number[];
}

const CUSTOMERS: readonly Customer[] = [
  {
    id: 'robotaxi-a',
    weight: 4,
    share: 0.3,
    reserved: { fromH: 7, toH: 10, slots: 40 },
    peakH: [7, 8, 9],
  },
  {
    id: 'robotaxi-b',
    weight: 4,
    share: 0.25,
    reserved: { fromH: 16, toH: 19, slots: 35 },
    peakH: [16, 17, 18],
  },
  {
    id: 'trucking',
    weight: 2,
    share: 0.2,
    reserved: { fromH: 0, toH: 0, slots: 0 },
    peakH: [2, 3, 4],
  },
  {
    id: 'delivery',
    weight: 1,
    share: 0.15,
    reserved: { fromH: 0, toH: 0, slots: 0 },
    peakH: [11, 12, 13],
  },
  { id: 'mapping', weight: 1, share: 0.1, reserved: { fromH: 0, toH: 0, slots: 0 }, peakH: [] },
];

export interface MarketRow {
  policy: Policy;
  requests: number;
  served: number;
  refusedPct: number;
  meanWaitS: number;
  p99WaitS: number;
  peakUtilPct: number;
  jain: number;
  reservationsHonouredPct: number;
  reservationsBooked: number;
  preempted: number;
}

interface Req {
  customer: number;
  arrival: number;
  hold: number;
  reservedWindow: boolean;
}

/** One week of arrivals, the same for every policy. */
function arrivals(o: MarketOptions): Req[][] {
  const rnd = mulberry32(o.seed);
  const steps = o.days * STEPS_PER_DAY;
  const out: Req[][] = [];
  let burstLeft = 0;
  for (let t = 0; t < steps; t++) {
    const hour = Math.floor((t % STEPS_PER_DAY) / (3600 / STEP_S));
    const diurnal = 0.55 + 0.45 * Math.sin(((hour - 6) / 24) * 2 * Math.PI);
    if (burstLeft > 0) burstLeft--;
    else if (rnd() < 1 / 2000) burstLeft = 60; // a 10-minute burst about twice a day
    const list: Req[] = [];
    CUSTOMERS.forEach((c, ci) => {
      const peak = c.peakH.includes(hour) ? 2.2 : 1;
      const burst = burstLeft > 0 && ci >= 2 ? 2.5 : 1;
      const lambda = o.meanArrivalsPerStep * c.share * diurnal * peak * burst;
      for (let n = poisson(rnd, lambda); n > 0; n--) {
        const hold = 1 + Math.floor(Math.log(1 - rnd()) / Math.log(1 - 1 / o.meanHoldSteps));
        const reservedWindow =
          c.reserved.slots > 0 && hour >= c.reserved.fromH && hour < c.reserved.toH;
        list.push({ customer: ci, arrival: t, hold, reservedWindow });
      }
    });
    out.push(list);
  }
  return out;
}

function poisson(rnd: () => number, lambda: number): number {
  let k = 0;
  for (let p = Math.exp(-lambda), s = p, u = rnd(); u > s; k++) {
    p *= lambda / (k + 1);
    s += p;
  }
  return k;
}

/** Books each reserving customer's daily window through the real capacity calendar. */
function book(o: MarketOptions): { booked: ReservationSpan[]; refused: number } {
  const sites = Array.from({ length: o.slots }, (_, i) => `s${i}`);
  const capacity = new Map(sites.map((s) => [s, 1]));
  const booked: ReservationSpan[] = [];
  let refused = 0;
  for (let d = 0; d < o.days; d++) {
    for (const c of CUSTOMERS) {
      if (c.reserved.slots === 0) continue;
      const span: ReservationSpan = {
        id: `${c.id}-${d}`,
        siteIds: sites,
        slots: c.reserved.slots,
        startMs: (d * 24 + c.reserved.fromH) * 3_600_000,
        endMs: (d * 24 + c.reserved.toH) * 3_600_000,
      };
      if (canHonour(span, booked, capacity).ok) booked.push(span);
      else refused++;
    }
  }
  return { booked, refused };
}

interface Lease {
  customer: number;
  end: number;
  reserved: boolean;
  start: number;
}

export function simulateMarket(policy: Policy, o: MarketOptions = DEFAULT_MARKET): MarketRow {
  const days = arrivals(o);
  const { booked } = book(o);
  const waits: number[] = [];
  const served = CUSTOMERS.map(() => 0);
  const asked = CUSTOMERS.map(() => 0);
  let refused = 0;
  let preempted = 0;
  let reservedAsked = 0;
  let reservedHonoured = 0;
  let peakBusy = 0;
  let peakSamples = 0;
  let leases: Lease[] = [];
  const fifo: Req[] = [];
  const fair = new FairQueue<Req>({ maxWaiting: 4 * o.slots, maxPerCustomer: 2 * o.slots });
  let releasedRecently = o.slots / o.meanHoldSteps; // EWMA of slots freed per step

  const reservedNow = (ci: number, t: number): number => {
    const c = CUSTOMERS[ci] as Customer;
    const hour = Math.floor((t % STEPS_PER_DAY) / (3600 / STEP_S));
    const day = Math.floor(t / STEPS_PER_DAY);
    const ok = booked.some((b) => b.id === `${c.id}-${day}`);
    return ok && hour >= c.reserved.fromH && hour < c.reserved.toH ? c.reserved.slots : 0;
  };
  const grant = (r: Req, t: number, reserved: boolean): void => {
    leases.push({ customer: r.customer, end: t + r.hold, reserved, start: t });
    served[r.customer] = (served[r.customer] ?? 0) + 1;
    waits.push((t - r.arrival) * STEP_S);
  };

  for (let t = 0; t < days.length; t++) {
    const before = leases.length;
    leases = leases.filter((l) => l.end > t);
    releasedRecently = 0.98 * releasedRecently + 0.02 * (before - leases.length);
    for (const r of days[t] ?? []) {
      asked[r.customer] = (asked[r.customer] ?? 0) + 1;
      const free = o.slots - leases.length;
      if (policy === 'refuse') {
        if (free > 0) grant(r, t, false);
        else refused++;
        continue;
      }
      if (policy === 'fifo') {
        fifo.push(r);
        continue;
      }
      // edgefleet: a reserved request inside its customer's booked share is granted now.
      const share = reservedNow(r.customer, t);
      const holding = leases.filter((l) => l.customer === r.customer && l.reserved).length;
      if (r.reservedWindow && holding < share) {
        reservedAsked++;
        if (free <= 0) {
          // Preempt the youngest best-effort lease; its customer pays for the work done only.
          let victim = -1;
          for (let i = 0; i < leases.length; i++) {
            const l = leases[i] as Lease;
            if (!l.reserved && (victim < 0 || l.start > (leases[victim] as Lease).start))
              victim = i;
          }
          if (victim < 0) {
            refused++;
            continue;
          }
          leases.splice(victim, 1);
          preempted++;
        }
        grant(r, t, true);
        reservedHonoured++;
        continue;
      }
      // Best effort: keep slots the reservers have booked but not yet taken free for them.
      const expectedWait = (fair.size + 1) / Math.max(releasedRecently, 1e-3);
      if (expectedWait > o.patienceSteps) {
        refused++;
        continue;
      }
      fair.enqueue(
        CUSTOMERS[r.customer]?.id ?? '',
        CUSTOMERS[r.customer]?.weight ?? 1,
        r,
        t,
        t + o.patienceSteps,
      );
    }
    if (policy === 'fifo') {
      while (fifo.length && (fifo[0] as Req).arrival + o.patienceSteps <= t) {
        fifo.shift();
        refused++;
      }
      while (fifo.length && leases.length < o.slots) grant(fifo.shift() as Req, t, false);
    }
    if (policy === 'edgefleet') {
      refused += fair.expire(t).length;
      while (fair.size > 0 && leases.length < o.slots)
        grant((fair.dequeue() as { item: Req }).item, t, false);
    }
    const hour = Math.floor((t % STEPS_PER_DAY) / (3600 / STEP_S));
    if ([7, 8, 9, 16, 17, 18].includes(hour)) {
      peakBusy += leases.length;
      peakSamples++;
    }
  }
  if (policy === 'fifo') refused += fifo.length;
  if (policy === 'edgefleet') refused += fair.size;
  waits.sort((a, b) => a - b);
  const requests = asked.reduce((s, n) => s + n, 0);
  const ratios = served.map((s, i) => s / Math.max(1, asked[i] ?? 0));
  const jain =
    ratios.reduce((s, x) => s + x, 0) ** 2 /
    (ratios.length * ratios.reduce((s, x) => s + x * x, 0));
  return {
    policy,
    requests,
    served: waits.length,
    refusedPct: (100 * refused) / requests,
    meanWaitS: waits.reduce((s, w) => s + w, 0) / Math.max(1, waits.length),
    p99WaitS: waits[Math.floor(0.99 * (waits.length - 1))] ?? 0,
    peakUtilPct: (100 * peakBusy) / Math.max(1, peakSamples * o.slots),
    jain,
    reservationsHonouredPct:
      policy === 'edgefleet' ? (100 * reservedHonoured) / Math.max(1, reservedAsked) : NaN,
    reservationsBooked: booked.length,
    preempted,
  };
}
