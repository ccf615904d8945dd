/** AdminRemoveUserFromGroup: idempotent for a user who is not a member. */
import { UserNotFoundException } from '../errors.ts';
import { groupName, groupNotFound } from '../group-requests.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const adminRemoveUserFromGroup: OperationFactory = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const username = requiredString(request, 'Username');
  const name = groupName(request);
  if (!services.groups.get(name)) throw groupNotFound();
  const user = services.store.findUser(username);
  if (!user) throw new UserNotFoundException();
  services.groups.removeMember(name, user.username);
  return {};
};
