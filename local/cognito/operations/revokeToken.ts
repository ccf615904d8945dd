/**
 * RevokeToken: revokes one refresh token and the access tokens issued from it (same origin_jti).
 * An unknown token is not an error (RFC 7009), so a sign-out after DeleteUser still succeeds.
 */
import type {
  RevokeTokenRequest,
  RevokeTokenResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { UnauthorizedException, UnsupportedTokenTypeException } from '../errors.ts';
import { optionalString, requiredString } from '../request.ts';
import { assertClientSecret, resolveClient } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const revokeToken: OperationFactory<
  'pool' | 'store' | 'tokens',
  RevokeTokenRequest,
  RevokeTokenResponse
> = (services) => async (request) => {
  const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
  const token = requiredString(request, 'Token');
  assertClientSecret(client, optionalString(request, 'ClientSecret'));
  if (token.split('.').length === 3)
    throw new UnsupportedTokenTypeException('Only refresh tokens can be revoked.');
  const session = services.store.findSessionByRefreshHash(services.tokens.hashRefreshToken(token));
  if (!session) return {};
  if (session.clientId !== client.id)
    throw new UnauthorizedException('The token was not issued to this client.');
  services.store.revokeSession(session.originJti);
  return {};
};
