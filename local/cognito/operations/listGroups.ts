/** ListGroups: the pool's groups by name, `Limit` (≤ 60) per page with a NextToken. */
import type {
  ListGroupsRequest,
  ListGroupsResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { pageLimit, toGroupType } from '../group-requests.ts';
import { optionalString, requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const listGroups: OperationFactory<
  'groups' | 'pool',
  ListGroupsRequest,
  ListGroupsResponse
> = (services) => async (request) => {
  const poolId = requiredString(request, 'UserPoolId');
  assertPoolId(services.pool, poolId);
  const page = services.groups.list(pageLimit(request), optionalString(request, 'NextToken'));
  return {
    Groups: page.items.map((group) => toGroupType(group, poolId)),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
};
