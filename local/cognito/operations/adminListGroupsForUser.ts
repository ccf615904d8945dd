/** AdminListGroupsForUser: the user's groups in the order of their `cognito:groups` claim. */
import type {
  AdminListGroupsForUserRequest,
  AdminListGroupsForUserResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { UserNotFoundException } from '../errors.ts';
import { pageLimit, toGroupType } from '../group-requests.ts';
import { optionalString, requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const adminListGroupsForUser: OperationFactory<
  'groups' | 'pool' | 'store',
  AdminListGroupsForUserRequest,
  AdminListGroupsForUserResponse
> = (services) => async (request) => {
  const poolId = requiredString(request, 'UserPoolId');
  assertPoolId(services.pool, poolId);
  const user = services.store.findUser(requiredString(request, 'Username'));
  if (!user) throw new UserNotFoundException();
  const page = services.groups.groupsForUser(
    user.username,
    pageLimit(request),
    optionalString(request, 'NextToken'),
  );
  return {
    Groups: page.items.map((group) => toGroupType(group, poolId)),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
};
