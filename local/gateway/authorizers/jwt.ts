/**
 * HTTP API JWT authorizer ("http-api-jwt-authorizer.md", "http-api-troubleshooting-jwt.md"):
 * token raw or after `Bearer `; RSA signature by a JWKS key, `iss`, `exp`/`nbf`/`iat`; `aud`
 * must be one of the audience — or, only when there is no `aud`, `client_id`; then at least one of
 * the route's scopes. Invalid tokens get 401 with `www-authenticate`, a missing scope 403.
 * It does not look at `token_use` (AWS does not either).
 */
import { forbidden, unauthorized } from '../errors.ts';
import type { TokenVerifier } from '../token-verifier.ts';
import { scopesOf, verifiedClaims, type AuthorizerResult } from './result.ts';

const invalidToken = (description: string, reason: string) =>
  unauthorized(reason, {
    'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${description}"`,
  });

export async function authorizeJwt(
  verifier: TokenVerifier,
  audience: readonly string[],
  routeScopes: readonly string[],
  authorization: string | undefined,
): Promise<AuthorizerResult> {
  const payload = await verifiedClaims(verifier, authorization, (rejected) =>
    invalidToken(
      rejected.code === 'expired' ? 'the token has expired' : 'the token is not valid',
      rejected.message,
    ),
  );
  const aud = payload['aud'];
  const audiences = aud === undefined ? [payload['client_id']] : Array.isArray(aud) ? aud : [aud];
  if (!audiences.some((value) => typeof value === 'string' && audience.includes(value))) {
    throw invalidToken(
      'the token does not have a valid audience',
      `${aud === undefined ? 'client_id' : 'aud'} not in audience`,
    );
  }
  const tokenScopes = scopesOf(payload);
  if (routeScopes.length > 0 && !tokenScopes.some((scope) => routeScopes.includes(scope))) {
    throw forbidden(`none of the scopes ${routeScopes.join(' ')}`, {
      'www-authenticate': `Bearer scope="${routeScopes.join(' ')}" error="insufficient_scope" error_description="expected scopes: [${routeScopes.join(' ')}]"`,
    });
  }
  return {
    kind: 'jwt',
    claims: payload,
    scopes: tokenScopes.length > 0 ? tokenScopes : null,
    principal: String(payload['sub'] ?? payload['client_id'] ?? ''),
  };
}
