/**
 * What CloudFront answers for the built SPA, as plain data and functions with no CDK dependency:
 * the security headers (CSP from the built index.html), the SPA fallback and the Cache-Control of
 * each file. `site.ts` builds the distribution from it, and `e2e/static-server.ts` serves the
 * same build with it, so the browser tests run the app under the headers it gets on AWS.
 */
import { createHash } from 'node:crypto';
import { compileViewerRequest, spaFallbackSource } from './spa-fallback.ts';

export { spaFallbackSource };

/**
 * Where the site serves the back office API (the HTTP API's `/admin/…` routes) on its own origin:
 * `/admin-api/admin/users` reaches the HTTP API as `/admin/users`. A prefix of its own, because
 * `/admin` is the SPA's Administration page, which a deep link must still load.
 */
export const adminApiPathPrefix = '/admin-api';

/**
 * A CloudFront Function (viewer request) on the `/admin-api/*` behaviour: drops the prefix, so the
 * HTTP API sees its own route paths. CloudFront Functions run ES5.1-ish JavaScript.
 */
export const adminApiPrefixSource = `function handler(event) {
  var request = event.request;
  request.uri = request.uri.substring(${adminApiPathPrefix.length}) || '/';
  return request;
}`;

const stripAdminApiPrefix = compileViewerRequest(adminApiPrefixSource);

/** The path the HTTP API receives for a site path under `adminApiPathPrefix` (the function, run here). */
export function adminApiOriginUri(uri: string): string {
  return stripAdminApiPrefix(uri);
}

/** True for the paths CloudFront's `/admin-api/*` behaviour takes (its path pattern). */
export function isAdminApiPath(uri: string): boolean {
  return uri.startsWith(`${adminApiPathPrefix}/`);
}

/**
 * Files Angular names by content hash (`main-GAGJ7PT4.js`, `chunk-RTS-iqt4.js`,
 * `styles-4HPBTR53.css`, `media/…`): safe to cache for a year. Everything else — index.html,
 * config.json, and unhashed files copied from `public/` or `assets` (favicon.ico) — is revalidated on every load. Patterns are `aws s3 sync` filters
 * (fnmatch: `*` also matches `/`, `?` one character); Angular's hashes are 8 characters.
 */
export const hashedAssetPatterns: readonly string[] = [
  '*-????????.js',
  '*-????????.css',
  'media/*',
];

export const cacheControl = {
  /** Content-hashed files never change under their name. */
  immutable: 'public, max-age=31536000, immutable',
  /** Cached, but checked with the origin before every use, so a deploy shows at once. */
  revalidate: 'no-cache',
} as const;

/** `aws s3 sync --include/--exclude` matching: Python fnmatch over the whole key (case-sensitive on Linux). */
export function s3FilterMatches(pattern: string, key: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(key);
}

/** The Cache-Control the deployment gives the object behind a URL path (`/main-X.js` or `main-X.js`). */
export function cacheControlFor(path: string): string {
  const key = path.replace(/^\/+/, '');
  return hashedAssetPatterns.some((pattern) => s3FilterMatches(pattern, key))
    ? cacheControl.immutable
    : cacheControl.revalidate;
}

const spaFallback = compileViewerRequest(spaFallbackSource);

/**
 * The URI the SPA fallback (the CloudFront Function's own source, run here) hands the origin:
 * `/index.html` for client-side routes, the path itself for files.
 */
export function viewerRequestUri(uri: string): string {
  return spaFallback(uri);
}

/**
 * SHA-256 sources of the inline `<script>`s in index.html. Angular's build adds one (it swaps the
 * deferred stylesheet's `media` after load); listing its hash keeps `script-src` free of
 * 'unsafe-inline' while that script still runs.
 */
export function inlineScriptHashes(indexHtml: string): string[] {
  const hashes: string[] = [];
  for (const match of indexHtml.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? '';
    const body = match[2] ?? '';
    if (/\ssrc\s*=/i.test(attributes) || body.length === 0) continue;
    hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

export function contentSecurityPolicy(options: {
  connectOrigins: readonly string[];
  scriptHashes: readonly string[];
}): string {
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...options.scriptHashes].join(' '),
    // Angular component styles and Amplify UI set inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ['connect-src', "'self'", ...options.connectOrigins].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

export interface SecurityHeadersOptions {
  /** The built index.html: its inline scripts are allowed by hash. */
  readonly indexHtml: string;
  /**
   * Origins besides the site the SPA may call (`connect-src`): the REST API and Cognito. The back
   * office API is the site's own origin (`adminApiPathPrefix`), allowed by `'self'`.
   */
  readonly connectOrigins: readonly string[];
}

/** The security headers as settings, in the shape of CloudFront's response headers policy. */
export interface SecurityPolicy {
  readonly contentSecurityPolicy: string;
  readonly strictTransportSecurity: {
    readonly maxAgeSeconds: number;
    readonly includeSubdomains: boolean;
  };
  /** `X-Content-Type-Options`; CloudFront's only value. */
  readonly contentTypeOptions: 'nosniff';
  readonly referrerPolicy: 'no-referrer';
  readonly frameOption: 'DENY';
  /** Headers CloudFront has no dedicated setting for. */
  readonly customHeaders: Readonly<Record<string, string>>;
}

export function securityPolicy(options: SecurityHeadersOptions): SecurityPolicy {
  return {
    contentSecurityPolicy: contentSecurityPolicy({
      connectOrigins: options.connectOrigins,
      scriptHashes: inlineScriptHashes(options.indexHtml),
    }),
    strictTransportSecurity: { maxAgeSeconds: 730 * 24 * 3600, includeSubdomains: true },
    contentTypeOptions: 'nosniff',
    referrerPolicy: 'no-referrer',
    frameOption: 'DENY',
    customHeaders: {
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
      'Cross-Origin-Opener-Policy': 'same-origin',
    },
  };
}

/** The policy as the response headers CloudFront adds to every answer (names lower-case). */
export function responseHeadersOf(policy: SecurityPolicy): Record<string, string> {
  const hsts = policy.strictTransportSecurity;
  const headers: Record<string, string> = {
    'content-security-policy': policy.contentSecurityPolicy,
    'strict-transport-security': `max-age=${hsts.maxAgeSeconds}${hsts.includeSubdomains ? '; includeSubDomains' : ''}`,
    'x-content-type-options': policy.contentTypeOptions,
    'referrer-policy': policy.referrerPolicy,
    'x-frame-options': policy.frameOption,
  };
  for (const [name, value] of Object.entries(policy.customHeaders))
    headers[name.toLowerCase()] = value;
  return headers;
}

/** Header name (lower-case) → value, exactly as the deployed site sends them. */
export function securityHeaders(options: SecurityHeadersOptions): Record<string, string> {
  return responseHeadersOf(securityPolicy(options));
}
