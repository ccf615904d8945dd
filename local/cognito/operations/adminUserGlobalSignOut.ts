/** AdminUserGlobalSignOut: revokes every refresh token of the user and the access tokens from them. */
import type {
  AdminUserGlobalSignOutRequest,
  AdminUserGlobalSignOutResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { UserNotFoundException } from '../errors.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const adminUserGlobalSignOut: OperationFactory<
  'pool' | 'store',
  AdminUserGlobalSignOutRequest,
  AdminUserGlobalSignOutResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const user = services.store.findUser(requiredString(request, 'Username'));
  if (!user) throw new UserNotFoundException();
  services.store.revokeUserSessions(user.username);
  return {};
};
