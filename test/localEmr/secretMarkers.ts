/**
 * Prefixes of the secrets the endpoint mints: GetSessionEndpoint's auth tokens and the tokens
 * in GetResourceDashboard's URLs. Every such secret starts with its prefix, so a scan that looks
 * for the prefix finds any of them, even one minted in another process (the extension host)
 * whose value the scanner never saw. The masked forms the extension shows do not hold them.
 */
export const SESSION_AUTH_TOKEN_PREFIX = 'localEmrSessionToken_';
export const DASHBOARD_TOKEN_PREFIX = 'localEmrDashboardToken_';
