import { randomUUID } from 'node:crypto';
import { ApiClient } from './cli/http.js';

/** A token package on offer, as the REST API returns it (coordinator/src/http/routes-packages.ts). */
export interface TokenPackage {
  id: string;
  name: string;
  /** µT credited by one purchase. */
  microTokens: number;
  /** ISO 4217 code. */
  currency: string;
  /** The price in integer minor units of `currency` (cents for EUR). */
  priceMinor: number;
  /** The price as text, e.g. "150.00 EUR". */
  price: string;
  validDays: number;
  validMs: number;
  createdAtMs: number;
}

/** One purchase of a package, with the terms it was bought on. */
export interface PackagePurchase {
  purchaseId: string;
  customerId: string;
  packageId: string;
  microTokens: number;
  currency: string;
  priceMinor: number;
  price: string;
  purchasedAtMs: number;
  expiresAtMs: number;
  /** The package_purchase ledger transfer that credited the customer. */
  transferId: number;
  /** Once expired: when, and the unspent µT removed then (null before). */
  expiredAtMs: number | null;
  expiredMicroTokens: number | null;
}

/** A purchase made, and whether this call made it (false: the purchase id was bought before). */
export interface BuyResult {
  purchase: PackagePurchase;
  created: boolean;
}

export interface PackagesApiOptions {
  /** The coordinator's HTTP address, e.g. http://coordinator:8080. */
  baseUrl: string;
  /** A staff token: viewer to read, operator to buy (a purchase is a top-up). */
  token: string;
  /** The deadline of each call (default 10 s). */
  timeoutMs?: number;
}

/**
 * Token packages (docs/market.md#token-packages) over the coordinator's REST API, through the
 * CLI's REST client (rest-calls.ts, held to the OpenAPI document). A refusal throws ApiError with
 * the API's code (NOT_FOUND for an unknown package, DUPLICATE_REFERENCE for a purchase id used for
 * another customer or package, …); an unreachable coordinator ApiUnavailableError.
 */
export class PackagesApi {
  private readonly api: ApiClient;
  constructor(o: PackagesApiOptions) {
    this.api = new ApiClient(o.baseUrl, o.token, o.timeoutMs ?? 10_000);
  }

  /** The packages on offer, by id. */
  async list(): Promise<TokenPackage[]> {
    const r = (await this.api.call('listPackages', {})) as { items: TokenPackage[] };
    return r.items;
  }

  /**
   * Buys a package for a customer: its µT are credited at once. The purchase id is the
   * idempotency key — keep it and retry with it after a timeout: the package is credited once
   * (the retry answers the first purchase, `created: false`). Left out, a new one is made.
   */
  async buy(req: {
    customerId: string;
    packageId: string;
    purchaseId?: string;
  }): Promise<BuyResult> {
    const purchaseId = req.purchaseId ?? randomUUID();
    const res = await this.api.callWithStatus('buyPackage', {
      params: { id: req.customerId },
      body: { packageId: req.packageId, purchaseId },
    });
    return { purchase: res.body as PackagePurchase, created: res.status === 201 };
  }

  /** A customer's purchases, newest first, with their money, expiry and what expired. */
  async purchases(customerId: string): Promise<PackagePurchase[]> {
    const r = (await this.api.call('listPurchases', { params: { id: customerId } })) as {
      items: PackagePurchase[];
    };
    return r.items;
  }
}
