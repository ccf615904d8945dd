/**
 * REST API `COGNITO_USER_POOLS` authorizer. Without OAuth scopes on the method API Gateway treats
 * the token as an ID token; with scopes, as an access token that must carry one of them
 * ("apigateway-enable-cognito-user-pool.md"). Every refusal is a 401 — a scope mismatch too, as
 * that page says — and an expired token gets its own message.
 */
import { expiredToken, unauthorized } from '../errors.ts';
import type { TokenVerifier } from '../token-verifier.ts';
import { scopesOf, verifiedClaims, type AuthorizerResult } from './result.ts';

export interface CognitoUserPoolAuthorizerOptions {
  readonly verifier: TokenVerifier;
  /** Ids of the pool's app clients: an ID token's `aud`, an access token's `client_id`. */
  readonly clientIds: readonly string[];
}

export async function authorizeCognitoUserPool(
  options: CognitoUserPoolAuthorizerOptions,
  routeScopes: readonly string[],
  authorization: string | undefined,
): Promise<AuthorizerResult> {
  const payload = await verifiedClaims(options.verifier, authorization, (rejected) =>
    rejected.code === 'expired' ? expiredToken(rejected.message) : unauthorized(rejected.message),
  );
  const expectsAccessToken = routeScopes.length > 0;
  const tokenUse = payload['token_use'];
  if (tokenUse !== (expectsAccessToken ? 'access' : 'id')) {
    throw unauthorized(
      `token_use ${String(tokenUse)} where ${expectsAccessToken ? 'access' : 'id'} expected`,
    );
  }
  const client = expectsAccessToken ? payload['client_id'] : payload['aud'];
  if (typeof client !== 'string' || !options.clientIds.includes(client)) {
    throw unauthorized(
      `${expectsAccessToken ? 'client_id' : 'aud'} ${String(client)} is not an app client of the pool`,
    );
  }
  if (expectsAccessToken && !scopesOf(payload).some((scope) => routeScopes.includes(scope))) {
    throw unauthorized(`none of the scopes ${routeScopes.join(' ')}`);
  }
  return { kind: 'cognito-user-pool', claims: payload, principal: String(payload['sub'] ?? '') };
}
