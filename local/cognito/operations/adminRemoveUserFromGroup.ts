/** AdminRemoveUserFromGroup: idempotent for a user who is not a member. */
import { groupAndMember } from '../group-requests.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const adminRemoveUserFromGroup: OperationFactory = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const { group, username } = groupAndMember(services, request);
  services.groups.removeMember(group, username);
  return {};
};
