/** ListUsersInGroup: the group's members as `UserType`s, by username, with a NextToken. */
import type {
  ListUsersInGroupRequest,
  ListUsersInGroupResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { toUserType } from '../attributes.ts';
import { groupName, groupNotFound, pageLimit } from '../group-requests.ts';
import { optionalString, requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const listUsersInGroup: OperationFactory<
  'groups' | 'pool' | 'store',
  ListUsersInGroupRequest,
  ListUsersInGroupResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const name = groupName(request);
  if (!services.groups.get(name)) throw groupNotFound();
  const page = services.groups.members(
    name,
    pageLimit(request),
    optionalString(request, 'NextToken'),
  );
  const users = page.items.flatMap((username) => {
    const user = services.store.getUser(username);
    return user ? [toUserType(user)] : [];
  });
  return {
    Users: users,
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
};
