import { unauthorized, type GatewayError } from '../errors.ts';
import { TokenRejected, type TokenVerifier } from '../token-verifier.ts';

/** What an authorizer hands to the event builders once it let a request through. */
export type AuthorizerResult =
  /** REST Cognito user-pool authorizer: the verified token's claims (raw JSON values). */
  | {
      readonly kind: 'cognito-user-pool';
      readonly claims: Readonly<Record<string, unknown>>;
      readonly principal: string;
    }
  /** HTTP API JWT authorizer: claims and the token's scopes. */
  | {
      readonly kind: 'jwt';
      readonly claims: Readonly<Record<string, unknown>>;
      readonly scopes: readonly string[] | null;
      readonly principal: string;
    }
  /** Lambda TOKEN authorizer: its principalId and context (values already checked to be scalars). */
  | {
      readonly kind: 'lambda';
      readonly principalId: string;
      readonly context: Readonly<Record<string, string | number | boolean>>;
      readonly integrationLatency: number;
      readonly principal: string;
    };

/**
 * The verified claims of the token in an `Authorization` value: none there is a 401, a token the
 * verifier refuses becomes what `refuse` makes of it (each authorizer answers in its own words).
 */
export async function verifiedClaims(
  verifier: TokenVerifier,
  authorization: string | undefined,
  refuse: (rejected: TokenRejected) => GatewayError,
): Promise<Record<string, unknown>> {
  const token = tokenFromHeader(authorization);
  if (token === undefined) throw unauthorized('no Authorization header');
  try {
    return (await verifier.verify(token)).payload;
  } catch (error) {
    if (error instanceof TokenRejected) throw refuse(error);
    throw error;
  }
}

/** The token from an `Authorization` value: API Gateway takes it raw or after `Bearer `. */
function tokenFromHeader(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const token = /^bearer\s+/i.test(trimmed) ? trimmed.replace(/^bearer\s+/i, '') : trimmed;
  return token === '' ? undefined : token;
}

/** `scope` (space-separated, as Cognito issues it) or `scp` (string or array), as API Gateway reads them. */
export function scopesOf(claims: Readonly<Record<string, unknown>>): string[] {
  const source = claims['scope'] ?? claims['scp'];
  if (typeof source === 'string') return source.split(' ').filter((s) => s !== '');
  if (Array.isArray(source)) return source.filter((s): s is string => typeof s === 'string');
  return [];
}
