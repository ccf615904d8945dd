/** AdminEnableUser: undoes AdminDisableUser. */
import type {
  AdminEnableUserRequest,
  AdminEnableUserResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';
import { setEnabled } from '../user-status.ts';

export const adminEnableUser: OperationFactory<
  'clock' | 'pool' | 'store',
  AdminEnableUserRequest,
  AdminEnableUserResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  setEnabled(services.store, requiredString(request, 'Username'), true, services.clock.now());
  return {};
};
