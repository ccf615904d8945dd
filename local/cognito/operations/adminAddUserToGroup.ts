/** AdminAddUserToGroup: idempotent; the user's next tokens carry the group in `cognito:groups`. */
import { UserNotFoundException } from '../errors.ts';
import { groupName, groupNotFound } from '../group-requests.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const adminAddUserToGroup: OperationFactory = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const username = requiredString(request, 'Username');
  const name = groupName(request);
  if (!services.groups.get(name)) throw groupNotFound();
  const user = services.store.findUser(username);
  if (!user) throw new UserNotFoundException();
  services.groups.addMember(name, user.username);
  return {};
};
