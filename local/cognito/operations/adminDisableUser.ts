/**
 * AdminDisableUser: the user can no longer sign in, and, as AWS documents ("deactivates a user and
 * revokes all access tokens for the user"), their refresh and access tokens are revoked for good:
 * enabling the user again does not bring them back.
 */
import type {
  AdminDisableUserRequest,
  AdminDisableUserResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';
import { setEnabled } from '../user-status.ts';

export const adminDisableUser: OperationFactory<
  'clock' | 'pool' | 'store',
  AdminDisableUserRequest,
  AdminDisableUserResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const { store } = services;
  store.transaction(() => {
    const username = setEnabled(
      store,
      requiredString(request, 'Username'),
      false,
      services.clock.now(),
    );
    store.revokeUserSessions(username);
  });
  return {};
};
