/** CreateGroup: a new group in the pool; names are unique. */
import type {
  CreateGroupRequest,
  CreateGroupResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { GroupExistsException, groupName, groupSettings, toGroupType } from '../group-requests.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const createGroup: OperationFactory<
  'clock' | 'groups' | 'pool',
  CreateGroupRequest,
  CreateGroupResponse
> = (services) => async (request) => {
  const poolId = requiredString(request, 'UserPoolId');
  assertPoolId(services.pool, poolId);
  const name = groupName(request);
  const settings = groupSettings(request);
  const now = services.clock.now();
  if (!services.groups.create({ name, ...emptySettings, ...settings }, now))
    throw new GroupExistsException(name);
  return { Group: toGroupType(services.groups.get(name)!, poolId) };
};

const emptySettings = { description: undefined, precedence: undefined, roleArn: undefined };
