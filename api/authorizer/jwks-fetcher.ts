import { NonRetryableFetchError, FetchError } from 'aws-jwt-verify/error';
import { type Fetcher, SimpleFetcher } from 'aws-jwt-verify/https';

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * aws-jwt-verify's Node fetcher speaks HTTPS only (it calls `https.request`), but the local
 * pool's issuer and `jwks_uri` are `http://localhost:9229/...`. This fetcher keeps the
 * library's fetcher for https and uses Node's `fetch` for plain http — to loopback hosts only,
 * so a misconfigured Lambda can never load signing keys over an unauthenticated channel.
 */
export class JwksFetcher implements Fetcher {
  readonly #https = new SimpleFetcher();
  readonly #timeoutMs: number;

  constructor(options: { timeoutMs?: number } = {}) {
    this.#timeoutMs = options.timeoutMs ?? 3000;
  }

  async fetch(
    uri: string,
    requestOptions?: Record<string, unknown>,
    data?: ArrayBuffer,
  ): Promise<ArrayBuffer> {
    const url = new URL(uri);
    if (url.protocol === 'https:') return this.#https.fetch(uri, requestOptions, data);
    if (url.protocol !== 'http:' || !loopback.has(url.hostname)) {
      throw new NonRetryableFetchError(
        uri,
        'Only https, or http to a loopback host, is allowed for a JWKS',
      );
    }
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.#timeoutMs) });
    } catch (error) {
      throw new FetchError(uri, error instanceof Error ? error.message : String(error));
    }
    if (response.status !== 200)
      throw new NonRetryableFetchError(uri, `Status code is ${response.status}, expected 200`);
    return response.arrayBuffer();
  }
}
