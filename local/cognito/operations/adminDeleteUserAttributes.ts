/** AdminDeleteUserAttributes: an administrator removes attributes (never `sub` or `email`). */
import type {
  AdminDeleteUserAttributesRequest,
  AdminDeleteUserAttributesResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { deleteAttributes } from '../attribute-changes.ts';
import { checkDeletableAttributes } from '../attributes.ts';
import { UserNotFoundException } from '../errors.ts';
import { requiredString, stringList } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const adminDeleteUserAttributes: OperationFactory<
  'clock' | 'pool' | 'store',
  AdminDeleteUserAttributesRequest,
  AdminDeleteUserAttributesResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const user = services.store.findUser(requiredString(request, 'Username'));
  const names = stringList(request, 'UserAttributeNames');
  if (!user) throw new UserNotFoundException();
  checkDeletableAttributes(names, true);
  deleteAttributes(services, user.username, names);
  return {};
};
