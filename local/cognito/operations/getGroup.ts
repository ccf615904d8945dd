/** GetGroup: one group by name. */
import type { GetGroupRequest, GetGroupResponse } from '@aws-sdk/client-cognito-identity-provider';
import { groupName, groupNotFound, toGroupType } from '../group-requests.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const getGroup: OperationFactory<'groups' | 'pool', GetGroupRequest, GetGroupResponse> =
  (services) => async (request) => {
    const poolId = requiredString(request, 'UserPoolId');
    assertPoolId(services.pool, poolId);
    const group = services.groups.get(groupName(request));
    if (!group) throw groupNotFound();
    return { Group: toGroupType(group, poolId) };
  };
