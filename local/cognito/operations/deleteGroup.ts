/** DeleteGroup: the group and its memberships; members' next tokens no longer name it. */
import type { DeleteGroupRequest } from '@aws-sdk/client-cognito-identity-provider';
import { groupName, groupNotFound } from '../group-requests.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type EmptyResponse, type OperationFactory } from '../services.ts';

export const deleteGroup: OperationFactory<'groups' | 'pool', DeleteGroupRequest, EmptyResponse> =
  (services) => async (request) => {
    assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
    if (!services.groups.delete(groupName(request))) throw groupNotFound();
    return {};
  };
