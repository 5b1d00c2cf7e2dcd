export {
  SiteEnrollment,
  type EnrollmentEndpoints,
  type EnrollmentResult,
  type SiteKeyRequest,
  type SiteTlsMaterial,
} from './enrollment.js';
export { SiteCredentialsRejectedError, SiteLimitReachedError } from './errors.js';
