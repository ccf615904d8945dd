/** UpdateGroup: changes the members sent (Description, Precedence, RoleArn); others stay. */
import type {
  UpdateGroupRequest,
  UpdateGroupResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { groupName, groupNotFound, groupSettings, toGroupType } from '../group-requests.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const updateGroup: OperationFactory<
  'clock' | 'groups' | 'pool',
  UpdateGroupRequest,
  UpdateGroupResponse
> = (services) => async (request) => {
  const poolId = requiredString(request, 'UserPoolId');
  assertPoolId(services.pool, poolId);
  const name = groupName(request);
  if (!services.groups.update(name, groupSettings(request), services.clock.now()))
    throw groupNotFound();
  return { Group: toGroupType(services.groups.get(name)!, poolId) };
};
