/**
 * The user pool domain's OAuth 2.0 endpoints: `POST /oauth2/token` (client_credentials with
 * resource-server scopes, refresh_token), `POST /oauth2/revoke` (RFC 7009) and
 * `GET /oauth2/userInfo`, with RFC 6749 errors.
 */
import { timingSafeEqual } from 'node:crypto';
import { CognitoError, OAuthError } from './errors.ts';
import { type LocalClient } from './pool-config.ts';
import { type Uses } from './services.ts';
import { refreshSession } from './sign-in.ts';

export interface OAuthResponse {
  readonly status: number;
  /** `null`: an empty body (the revocation endpoint's success). */
  readonly body: object | null;
  readonly headers?: Record<string, string>;
}

/** POST /oauth2/token with an `application/x-www-form-urlencoded` body. */
export async function tokenEndpoint(
  services: Uses<'clock' | 'pool' | 'store' | 'tokens'>,
  form: URLSearchParams,
  authorization: string | undefined,
): Promise<OAuthResponse> {
  const client = authenticateClient(services, form, authorization);
  const grant = form.get('grant_type');
  if (!grant) throw new OAuthError('invalid_request', 'grant_type is required');
  if (grant === 'client_credentials') {
    if (!client.declaration.oauthGrants.includes('client_credentials')) {
      throw new OAuthError(
        'unauthorized_client',
        'Client is not allowed the client_credentials grant',
      );
    }
    const allowed = client.declaration.oauthScopes;
    const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
    // Cognito: no scope requested means every custom scope of the client.
    const scopes = requested.length > 0 ? requested : [...allowed];
    if (scopes.some((scope) => !allowed.includes(scope)))
      throw new OAuthError('invalid_scope', 'A requested scope is not allowed for this client');
    const { token, expiresIn } = await services.tokens.issueClientToken(client, scopes);
    return {
      status: 200,
      body: { access_token: token, expires_in: expiresIn, token_type: 'Bearer' },
    };
  }
  if (grant === 'refresh_token') {
    if (!client.declaration.explicitAuthFlows.includes('ALLOW_REFRESH_TOKEN_AUTH')) {
      throw new OAuthError('unauthorized_client', 'Client is not allowed to refresh tokens');
    }
    const refreshToken = form.get('refresh_token');
    if (!refreshToken) throw new OAuthError('invalid_request', 'refresh_token is required');
    try {
      const result = await refreshSession(services, refreshToken, client);
      return {
        status: 200,
        body: {
          id_token: result.IdToken,
          access_token: result.AccessToken,
          expires_in: result.ExpiresIn,
          token_type: 'Bearer',
        },
      };
    } catch (error) {
      if (error instanceof CognitoError) throw new OAuthError('invalid_grant', error.message);
      throw error;
    }
  }
  throw new OAuthError('unsupported_grant_type', `Unsupported grant_type ${grant}`);
}

/**
 * POST /oauth2/revoke (RFC 7009 as the Developer Guide describes it): form `token` (a refresh
 * token) and `client_id`, Basic authentication for a client with a secret. The refresh token's
 * session ends: the token and every access and ID token issued from it stop working. Success is a
 * 200 with an empty body, also for a token that is unknown or already revoked (RFC 7009 §2.2).
 * Unconfirmed: the error for a refresh token of another client (`invalid_request` here).
 */
export function revokeEndpoint(
  services: Uses<'pool' | 'store' | 'tokens'>,
  form: URLSearchParams,
  authorization: string | undefined,
): OAuthResponse {
  const client = authenticateClient(services, form, authorization);
  const token = form.get('token');
  if (!token) throw new OAuthError('invalid_request', 'token is required');
  if (!client.declaration.enableTokenRevocation)
    throw new OAuthError('invalid_request', 'Token revocation is not enabled for this client');
  // Access and ID tokens are JWTs (three dot-separated parts); only refresh tokens are revoked.
  if (token.split('.').length === 3)
    throw new OAuthError('unsupported_token_type', 'Only refresh tokens can be revoked');
  const session = services.store.findSessionByRefreshHash(services.tokens.hashRefreshToken(token));
  if (session && session.clientId !== client.id)
    throw new OAuthError('invalid_request', 'The token was not issued to this client');
  if (session && !session.revoked) services.store.revokeSession(session.originJti);
  return { status: 200, body: null };
}

/**
 * Client authentication: `Authorization: Basic base64(id:secret)` or `client_id` (+ `client_secret`)
 * in the form; public clients (no secret) send only `client_id`. Failures are 400 `invalid_client`
 * as the Developer Guide shows (⚠ RFC 6749 would allow 401 for Basic).
 */
/** RFC 6749 §2.3.1: id and secret are form-urlencoded inside Basic; bad escapes are the client's fault. */
function basicPart(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new OAuthError('invalid_client', 'Malformed Basic credentials: invalid percent-encoding');
  }
}

function authenticateClient(
  services: Uses<'pool'>,
  form: URLSearchParams,
  authorization: string | undefined,
): LocalClient {
  let id = form.get('client_id') ?? undefined;
  let secret = form.get('client_secret') ?? undefined;
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError('invalid_client', 'Malformed Basic credentials');
    const basicId = basicPart(decoded.slice(0, colon));
    if ((id !== undefined && id !== basicId) || secret !== undefined)
      throw new OAuthError('invalid_request', 'Use one client authentication method');
    id = basicId;
    secret = basicPart(decoded.slice(colon + 1));
  }
  if (!id) throw new OAuthError('invalid_client', 'Client authentication failed');
  const client = services.pool.clients.get(id);
  if (!client) throw new OAuthError('invalid_client', 'Client authentication failed');
  if (client.secret) {
    const expected = Buffer.from(client.secret, 'utf8');
    const actual = Buffer.from(secret ?? '', 'utf8');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
      throw new OAuthError('invalid_client', 'Client authentication failed');
  }
  return client;
}

/**
 * GET /oauth2/userInfo. As in Cognito, only access tokens carrying the `openid` scope are accepted;
 * tokens from the user-pools API (InitiateAuth) carry none and are refused.
 */
export async function userInfoEndpoint(
  services: Uses<'store' | 'tokens'>,
  authorization: string | undefined,
): Promise<OAuthResponse> {
  const invalidToken = (): OAuthResponse => ({
    status: 401,
    body: {
      error: 'invalid_token',
      error_description:
        'Access token is expired, disabled, or deleted, or the user has globally signed out.',
    },
    headers: {
      'www-authenticate':
        'Bearer error="invalid_token", error_description="Access token is expired, disabled, or deleted, or the user has globally signed out."',
    },
  });
  if (!authorization?.startsWith('Bearer ')) {
    return {
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: 'Bad OAuth2 request at UserInfo Endpoint',
      },
      headers: {
        'www-authenticate':
          'Bearer error="invalid_request", error_description="Bad OAuth2 request at UserInfo Endpoint"',
      },
    };
  }
  let claims;
  try {
    claims = await services.tokens.verifyAccessToken(authorization.slice(7).trim());
  } catch {
    return invalidToken();
  }
  const scopes = (claims.scope ?? '').split(' ');
  if (!scopes.includes('openid') || claims.username === undefined) return invalidToken();
  if (claims.origin_jti !== undefined) {
    const session = services.store.getSession(claims.origin_jti);
    if (!session || session.revoked) return invalidToken();
  }
  const user = services.store.getUser(claims.username);
  if (!user || !user.enabled) return invalidToken();
  const everything = scopes.includes('aws.cognito.signin.user.admin') || scopes.includes('profile');
  const body: Record<string, string> = { sub: user.username, username: user.username };
  for (const [name, value] of Object.entries(user.attributes)) {
    const isEmailClaim = name === 'email' || name === 'email_verified';
    if ((isEmailClaim && (scopes.includes('email') || everything)) || (!isEmailClaim && everything))
      body[name] = value;
  }
  return {
    status: 200,
    body,
    headers: {
      'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
      pragma: 'no-cache',
    },
  };
}
