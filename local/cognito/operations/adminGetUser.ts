/** AdminGetUser: a user by username or email, with status, dates and MFA settings. */
import type {
  AdminGetUserRequest,
  AdminGetUserResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { awsTimestamp } from '../../clock.ts';
import { toAttributeList } from '../attributes.ts';
import { UserNotFoundException } from '../errors.ts';
import { mfaSettingsOf } from '../mfa.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const adminGetUser: OperationFactory<
  'pool' | 'store',
  AdminGetUserRequest,
  AdminGetUserResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const user = services.store.findUser(requiredString(request, 'Username'));
  if (!user) throw new UserNotFoundException();
  return {
    Username: user.username,
    UserAttributes: toAttributeList(user),
    UserCreateDate: awsTimestamp(user.createdAt),
    UserLastModifiedDate: awsTimestamp(user.updatedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
    ...mfaSettingsOf(user),
  };
};
