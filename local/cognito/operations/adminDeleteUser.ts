/** AdminDeleteUser: removes a user and every session of theirs. */
import { UserNotFoundException } from '../errors.ts';
import { requiredString } from '../request.ts';
import { assertPoolId, type OperationFactory } from '../services.ts';
import { deleteUserIn } from '../store.ts';

export const adminDeleteUser: OperationFactory = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const user = services.store.findUser(requiredString(request, 'Username'));
  if (!user) throw new UserNotFoundException();
  await services.store.update((draft) => {
    if (!draft.users[user.username]) throw new UserNotFoundException();
    deleteUserIn(draft, user.username);
  }, services.clock.now());
  services.groups.removeUser(user.username);
  return {};
};
