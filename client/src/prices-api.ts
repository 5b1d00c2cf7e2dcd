import { ApiClient } from './cli/http.js';

/** One region's or site's spot price (coordinator/src/http/routes-prices.ts). */
export interface SpotPrice {
  /** The region or the site id, as asked. */
  key: string;
  sites: number;
  slotsTotal: number;
  slotsFree: number;
  utilization: number;
  /** Price of one token (1 h of a reference H100) in the currency's minor units (cents). */
  minorPerToken: number;
  /** The same, written in the currency, e.g. "EUR 2.35". */
  formatted: string;
  /** False when no site of the group reports its power draw: the energy part is left out. */
  energyKnown: boolean;
}

export interface SpotPrices {
  currency: string;
  /** Decimal places of the currency's minor unit (2 for EUR, 0 for JPY). */
  minorUnitExponent: number;
  atMs: number;
  items: SpotPrice[];
}

export interface PricesApiOptions {
  /** The coordinator's HTTP address, e.g. http://coordinator:8080. */
  baseUrl: string;
  /** A viewer (or higher) staff token. */
  token: string;
  /** The deadline of each call (default 10 s). */
  timeoutMs?: number;
}

/**
 * Spot prices of a token now (docs/market.md "Prices"), per region or per site, over the
 * coordinator's REST API through the CLI's REST client. Offline and degraded sites sell nothing and
 * are left out. A refusal throws ApiError; an unreachable coordinator ApiUnavailableError.
 */
export class PricesApi {
  private readonly api: ApiClient;
  constructor(o: PricesApiOptions) {
    this.api = new ApiClient(o.baseUrl, o.token, o.timeoutMs ?? 10_000);
  }

  async spot(q: { by?: 'region' | 'site'; region?: string } = {}): Promise<SpotPrices> {
    return (await this.api.call('getSpotPrices', {
      query: { by: q.by, region: q.region },
    })) as SpotPrices;
  }
}
