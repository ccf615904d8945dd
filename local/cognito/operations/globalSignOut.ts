/** GlobalSignOut: revokes every refresh token of the user and every access token derived from them. */
import type {
  GlobalSignOutRequest,
  GlobalSignOutResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';

export const globalSignOut: OperationFactory<
  'store' | 'tokens',
  GlobalSignOutRequest,
  GlobalSignOutResponse
> = (services) => async (request) => {
  const { user } = await authenticateAccess(services, request['AccessToken']);
  services.store.revokeUserSessions(user.username);
  return {};
};
