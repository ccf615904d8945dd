/** AdminAddUserToGroup: idempotent; the user's next tokens carry the group in `cognito:groups`. */
import type { AdminAddUserToGroupRequest } from '@aws-sdk/client-cognito-identity-provider';
import { groupAndMember } from '../group-requests.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type EmptyResponse, type OperationFactory } from '../services.ts';

export const adminAddUserToGroup: OperationFactory<
  'groups' | 'pool' | 'store',
  AdminAddUserToGroupRequest,
  EmptyResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const { group, username } = groupAndMember(services, request);
  services.groups.addMember(group, username);
  return {};
};
