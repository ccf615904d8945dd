/** AdminAddUserToGroup: idempotent; the user's next tokens carry the group in `cognito:groups`. */
import { groupAndMember } from '../group-requests.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const adminAddUserToGroup: OperationFactory = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const { group, username } = groupAndMember(services, request);
  services.groups.addMember(group, username);
  return {};
};
