/** AdminDeleteUser: removes a user and every session of theirs. */
import type { AdminDeleteUserRequest } from '@aws-sdk/client-cognito-identity-provider';
import { UserNotFoundException } from '../errors.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type EmptyResponse, type OperationFactory } from '../services.ts';

export const adminDeleteUser: OperationFactory<
  'pool' | 'store',
  AdminDeleteUserRequest,
  EmptyResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const user = services.store.findUser(requiredString(request, 'Username'));
  if (!user) throw new UserNotFoundException();
  if (!services.store.deleteUser(user.username)) throw new UserNotFoundException();
  return {};
};
