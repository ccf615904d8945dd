/** AdminRemoveUserFromGroup: idempotent for a user who is not a member. */
import type { AdminRemoveUserFromGroupRequest } from '@aws-sdk/client-cognito-identity-provider';
import { groupAndMember } from '../group-requests.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type EmptyResponse, type OperationFactory } from '../services.ts';

export const adminRemoveUserFromGroup: OperationFactory<
  'groups' | 'pool' | 'store',
  AdminRemoveUserFromGroupRequest,
  EmptyResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const { group, username } = groupAndMember(services, request);
  services.groups.removeMember(group, username);
  return {};
};
