import { EdgefleetError } from '@edgefleet/common';

/** A site id and secret that do not authenticate (unknown, revoked, or a wrong secret: one answer for all). */
export class SiteCredentialsRejectedError extends EdgefleetError {
  constructor() {
    super('UNAUTHENTICATED', 'site id and secret do not match an enrolled site', {});
  }
}

/** The fleet already has limits.maxSites enrolled sites: a new one is refused (its code stays unspent). */
export class SiteLimitReachedError extends EdgefleetError {
  constructor(maxSites: number) {
    super(
      'SITE_LIMIT_REACHED',
      `the fleet has ${maxSites} enrolled sites, the most limits.maxSites allows; revoke a site or raise the limit`,
      { maxSites },
    );
  }
}
