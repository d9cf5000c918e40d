/**
 * Where the API lives (issue 17.2, NL API Design Rules: the major version in the URI). No imports: the web app
 * imports these values too (src/web/api.ts), and must not pull server code into its bundle. The server's
 * contract around them is server/apiSchema.ts; docs/api.md.
 */

/** The major version in the URI; every API route is registered under it and uses relative paths inside. */
export const API_PREFIX = '/api/v1';
/** The path before versioning: requests there are redirected (308) to the same path under API_PREFIX. */
export const LEGACY_PREFIX = '/api';
