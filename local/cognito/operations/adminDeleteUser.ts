/** AdminDeleteUser: removes a user and every session of theirs. */
import { UserNotFoundException } from '../errors.ts';
import { requiredString } from '../request.ts';
import { assertPoolId, type OperationFactory } from '../services.ts';

export const adminDeleteUser: OperationFactory = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const user = services.store.findUser(requiredString(request, 'Username'));
  if (!user) throw new UserNotFoundException();
  await services.store.update((draft) => {
    if (!draft.users[user.username]) throw new UserNotFoundException();
    delete draft.users[user.username];
    for (const [id, session] of Object.entries(draft.sessions)) if (session.username === user.username) delete draft.sessions[id];
  }, services.clock.now());
  return {};
};
