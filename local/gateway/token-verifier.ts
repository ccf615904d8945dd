/**
 * Verifies a JWT the way API Gateway's Cognito and JWT authorizers do before they look at
 * audience and scopes: RSA signature with a key from the issuer's JWKS (found by `kid`), `iss`,
 * `exp`, `nbf`, `iat`. The signature check is jose's; the JWKS is fetched from `jwksUri`, cached,
 * and refetched on an unknown `kid` at most once per cooldown (as aws-jwt-verify's penalty box).
 */
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
} from 'jose';
import type { Clock } from '../clock.ts';

/** Why a token was refused; authorizers map these to AWS's answers, the access log shows them. */
export type RejectionCode =
  | 'too-large'
  | 'malformed'
  | 'algorithm'
  | 'missing-kid'
  | 'unknown-kid'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'issued-in-future'
  | 'wrong-issuer'
  | 'jwks-unavailable';

export class TokenRejected extends Error {
  readonly code: RejectionCode;
  constructor(code: RejectionCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'TokenRejected';
    this.code = code;
  }
}

export interface VerifiedToken {
  readonly header: { readonly alg: string; readonly kid: string };
  readonly payload: JWTPayload & Record<string, unknown>;
}

export interface TokenVerifierOptions {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly clock: Clock;
  /** Minimum time between two JWKS fetches triggered by unknown `kid`s. */
  readonly jwksCooldownMs?: number;
  /** How long a fetched JWKS is trusted before it is fetched again on next use. */
  readonly jwksMaxAgeMs?: number;
  /** Most tokens whose signature check is kept (default 10 000); the oldest goes first. */
  readonly maxCachedTokens?: number;
}

/** API Gateway accepts RSA-signed tokens only (HTTP API JWT authorizer docs); Cognito signs RS256. */
const rsaAlgorithms = ['RS256', 'RS384', 'RS512'];
/**
 * Cognito tokens are 1-2 KB; refusing anything far larger before parsing bounds the work an
 * attacker can cause (API Gateway's own header quota is 10 KB for all headers of a REST request).
 */
export const maxTokenLength = 8192;

/**
 * API Gateway caches an authorizer's result per token (a Cognito authorizer for 300 s by default);
 * here the signature check is what is cached, while the time claims are checked on every request.
 */
const verifiedCacheMs = 300_000;

export class TokenVerifier {
  readonly #issuer: string;
  readonly #clock: Clock;
  readonly #jwks: ReturnType<typeof createRemoteJWKSet>;
  readonly #verified = new Map<string, { readonly token: VerifiedToken; readonly until: number }>();
  // Bounded: every distinct valid token adds an entry, so without a bound a caller minting
  // tokens (or a long run) would grow the gateway's memory without end.
  readonly #maxCachedTokens: number;

  constructor(options: TokenVerifierOptions) {
    this.#issuer = options.issuer;
    this.#clock = options.clock;
    this.#maxCachedTokens = options.maxCachedTokens ?? 10_000;
    this.#jwks = createRemoteJWKSet(new URL(options.jwksUri), {
      cooldownDuration: options.jwksCooldownMs ?? 10_000,
      cacheMaxAge: options.jwksMaxAgeMs ?? 10 * 60_000,
      timeoutDuration: 3000,
    });
  }

  async verify(token: string): Promise<VerifiedToken> {
    if (token.length > maxTokenLength)
      throw new TokenRejected('too-large', `${token.length} characters`);
    const now = this.#clock.now();
    const cached = this.#verified.get(token);
    if (cached && cached.until > now) {
      checkTimes(cached.token.payload, now);
      return cached.token;
    }
    const verified = await this.#verifyFully(token, now);
    if (this.#verified.size >= this.#maxCachedTokens)
      this.#verified.delete(this.#verified.keys().next().value!);
    this.#verified.set(token, { token: verified, until: now + verifiedCacheMs });
    return verified;
  }

  /** How many tokens' signature checks are cached now. */
  get cachedTokens(): number {
    return this.#verified.size;
  }

  async #verifyFully(token: string, now: number): Promise<VerifiedToken> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw new TokenRejected('malformed', 'not a JWS compact serialization');
    }
    if (typeof header.alg !== 'string' || !rsaAlgorithms.includes(header.alg)) {
      throw new TokenRejected('algorithm', `alg ${String(header.alg)} not accepted`);
    }
    if (typeof header.kid !== 'string' || header.kid === '')
      throw new TokenRejected('missing-kid', 'no kid in header');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.#jwks, {
        algorithms: rsaAlgorithms,
        issuer: this.#issuer,
        currentDate: new Date(now),
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw toRejection(error);
    }
    checkTimes(payload, now);
    return {
      header: { alg: header.alg, kid: header.kid },
      payload: payload as VerifiedToken['payload'],
    };
  }
}

/** exp / nbf / iat against the clock (jose checked them too on a full verification). */
function checkTimes(payload: JWTPayload, now: number): void {
  const seconds = now / 1000;
  if (typeof payload.exp !== 'number' || payload.exp <= seconds)
    throw new TokenRejected('expired', `exp ${String(payload.exp)}`);
  if (typeof payload.nbf === 'number' && payload.nbf > seconds)
    throw new TokenRejected('not-yet-valid', `nbf ${payload.nbf}`);
  if (typeof payload.iat === 'number' && payload.iat > seconds)
    throw new TokenRejected('issued-in-future', `iat ${payload.iat}`);
}

function toRejection(error: unknown): TokenRejected {
  if (error instanceof errors.JWTExpired) return new TokenRejected('expired', error.message);
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return new TokenRejected('not-yet-valid', error.message);
    if (error.claim === 'iss') return new TokenRejected('wrong-issuer', error.message);
    return new TokenRejected('malformed', error.message);
  }
  if (error instanceof errors.JWKSNoMatchingKey)
    return new TokenRejected('unknown-kid', error.message);
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new TokenRejected('bad-signature', error.message);
  if (error instanceof errors.JOSEAlgNotAllowed)
    return new TokenRejected('algorithm', error.message);
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)
    return new TokenRejected('jwks-unavailable', error.message);
  if (error instanceof errors.JOSEError) return new TokenRejected('malformed', error.message);
  // fetch failures (pool not running) surface as TypeError from undici
  return new TokenRejected(
    'jwks-unavailable',
    error instanceof Error ? error.message : String(error),
  );
}
