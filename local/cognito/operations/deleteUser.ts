/** DeleteUser: the signed-in user deletes themselves; their sessions go with them. */
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';

export const deleteUser: OperationFactory = (services) => async (request) => {
  const { user } = await authenticateAccess(services, request['AccessToken']);
  await services.store.update((draft) => {
    delete draft.users[user.username];
    for (const [id, session] of Object.entries(draft.sessions)) if (session.username === user.username) delete draft.sessions[id];
  }, services.clock.now());
  return {};
};
