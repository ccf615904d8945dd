/**
 * Our own Lambda TOKEN authorizer (REST API), modelled on the classic Cognito custom authorizer:
 * aws-jwt-verify checks the signature against the pool's JWKS (by `kid`), `iss`, `exp`/`nbf`,
 * `token_use` and the app client; the answer is an IAM policy with `principalId = sub` and a
 * context that API Gateway hands to the handler as `requestContext.authorizer.*`.
 *
 * Configuration (environment):
 * - `JWT_ISSUER`       the pool's issuer, e.g. `https://cognito-idp.<region>.amazonaws.com/<poolId>`
 *                      (locally `http://localhost:9229/<poolId>`)
 * - `JWT_JWKS_URI`     optional; default `${JWT_ISSUER}/.well-known/jwks.json`
 * - `JWT_CLIENT_IDS`   comma-separated app client ids whose tokens are accepted
 * - `JWT_TOKEN_USE`    `id` (default) or `access`
 */
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { JwtInvalidClaimError } from 'aws-jwt-verify/error';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { JwksFetcher } from './jwks-fetcher.ts';

export interface TokenAuthorizerConfig {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly clientIds: readonly string[];
  readonly tokenUse: 'id' | 'access';
}

/** Cognito's tokens are a few kB; anything far larger is not worth parsing. */
const maxTokenLength = 16 * 1024;

class MissingClaimError extends JwtInvalidClaimError {}
class MissingTokenError extends Error {}
class OversizedTokenError extends Error {}

export function tokenAuthorizerConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): TokenAuthorizerConfig {
  const issuer = env['JWT_ISSUER']?.replace(/\/+$/, '');
  const clientIds = (env['JWT_CLIENT_IDS'] ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const tokenUse = env['JWT_TOKEN_USE'] || 'id';
  if (!issuer) throw new Error('JWT_ISSUER is not set');
  if (clientIds.length === 0) throw new Error('JWT_CLIENT_IDS is not set');
  if (tokenUse !== 'id' && tokenUse !== 'access')
    throw new Error('JWT_TOKEN_USE must be "id" or "access"');
  return {
    issuer,
    jwksUri: env['JWT_JWKS_URI'] || `${issuer}/.well-known/jwks.json`,
    clientIds,
    tokenUse,
  };
}

/**
 * The policy allows the whole stage (`…/<stage>/*`), not just the method ARN: API Gateway caches
 * the result per token for all routes behind this authorizer, and a policy naming only the first
 * route would deny the others while cached.
 */
function allowPolicy(methodArn: string, payload: JwtPayload): APIGatewayAuthorizerResult {
  const [apiArn = methodArn, stage = '*'] = methodArn.split('/');
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return {
    principalId: text(payload.sub),
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${apiArn}/${stage}/*` },
      ],
    },
    // Context values must be strings, numbers or booleans (API Gateway drops objects).
    context: {
      sub: text(payload.sub),
      email: text(payload['email']),
      username: text(payload['cognito:username'] ?? payload['username']),
    },
  };
}

export function createTokenAuthorizer(config: TokenAuthorizerConfig) {
  // Created once per cold start: the JWKS is fetched on first use and cached, refetched (rate
  // limited by the library) only when a token names an unknown kid.
  const verifier = JwtVerifier.create(
    {
      issuer: config.issuer,
      jwksUri: config.jwksUri,
      audience: null, // checked per token_use below: `aud` on ID tokens, `client_id` on access tokens
      customJwtCheck: ({ payload }) => {
        validateCognitoJwtFields(payload, {
          tokenUse: config.tokenUse,
          clientId: [...config.clientIds],
        });
        // aws-jwt-verify checks exp only when present; a Cognito token always has one.
        if (typeof payload.exp !== 'number')
          throw new MissingClaimError('Missing exp claim', payload.exp);
        if (typeof payload.sub !== 'string' || payload.sub === '')
          throw new MissingClaimError('Missing sub claim', payload.sub);
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher: new JwksFetcher() }) },
  );

  return async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    const token = (event.authorizationToken ?? '').replace(/^Bearer\s+/i, '').trim();
    try {
      if (token === '') throw new MissingTokenError('No token');
      if (token.length > maxTokenLength)
        throw new OversizedTokenError(`Token longer than ${maxTokenLength} characters`);
      const payload = await verifier.verify(token);
      return allowPolicy(event.methodArn, payload);
    } catch (error) {
      // Log why (never the token); answer with the exact error API Gateway turns into a 401.
      console.warn(
        JSON.stringify({
          level: 'warn',
          authorizer: 'token',
          reason: error instanceof Error ? error.constructor.name : 'Error',
          detail: error instanceof Error ? error.message : String(error),
        }),
      );
      throw new Error('Unauthorized');
    }
  };
}

let fromEnv: { key: string; authorize: ReturnType<typeof createTokenAuthorizer> } | undefined;

export const handler = async (
  event: APIGatewayTokenAuthorizerEvent,
): Promise<APIGatewayAuthorizerResult> => {
  const config = tokenAuthorizerConfigFromEnv();
  const key = JSON.stringify(config);
  if (fromEnv?.key !== key) fromEnv = { key, authorize: createTokenAuthorizer(config) };
  return fromEnv.authorize(event);
};
