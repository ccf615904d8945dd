/**
 * CORS for the SPA's origin. The gateway adds the headers to every answer it sends — the
 * function's and its own 4XX/5XX — because the CDK stack configures API Gateway the same way
 * (CORS preflight on every resource plus DEFAULT_4XX/5XX gateway responses with the headers);
 * without them a browser would hide a 401 from the app and it could not tell "sign in again".
 */
import { apiCors } from '../../api/cors.ts';

export class CorsPolicy {
  readonly #origins: ReadonlySet<string>;
  readonly #any: boolean;
  readonly #exposeHeaders = apiCors.exposeHeaders.join(',');

  constructor(allowedOrigins: readonly string[]) {
    this.#origins = new Set(allowedOrigins.map((origin) => origin.replace(/\/+$/, '')));
    this.#any = this.#origins.has('*');
  }

  allows(origin: string | undefined): origin is string {
    return origin !== undefined && (this.#any || this.#origins.has(origin));
  }

  /** Headers for an actual (non-preflight) answer. */
  answerHeaders(origin: string | undefined): Record<string, string> {
    if (!this.allows(origin)) return {};
    return {
      'access-control-allow-origin': this.#any ? '*' : origin,
      'access-control-expose-headers': this.#exposeHeaders,
      ...(this.#any ? {} : { vary: 'Origin' }),
    };
  }

  /** Headers for a preflight answer (`OPTIONS` with `Access-Control-Request-Method`). */
  preflightHeaders(origin: string | undefined, methods: readonly string[]): Record<string, string> {
    if (!this.allows(origin)) return { vary: 'Origin' };
    return {
      ...this.answerHeaders(origin),
      'access-control-allow-methods': [...new Set([...methods, 'OPTIONS'])].join(','),
      'access-control-allow-headers': apiCors.allowHeaders.join(','),
      'access-control-max-age': String(apiCors.maxAgeSeconds),
    };
  }
}
