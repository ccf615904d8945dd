/** GetTokensFromRefreshToken: how current Amplify (≥ 6.14) refreshes; takes the raw ClientSecret. */
import type {
  GetTokensFromRefreshTokenRequest,
  GetTokensFromRefreshTokenResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { optionalString, requiredString } from '../request.ts';
import { assertClientSecret, assertFlowEnabled, resolveClient } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';
import { refreshSession } from '../sign-in.ts';

export const getTokensFromRefreshToken: OperationFactory<
  'clock' | 'pool' | 'store' | 'tokens',
  GetTokensFromRefreshTokenRequest,
  GetTokensFromRefreshTokenResponse
> = (services) => async (request) => {
  const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
  const refreshToken = requiredString(request, 'RefreshToken');
  assertClientSecret(client, optionalString(request, 'ClientSecret'));
  assertFlowEnabled(client, 'ALLOW_REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN_AUTH');
  return { AuthenticationResult: await refreshSession(services, refreshToken, client) };
};
