/** DeleteUser: the signed-in user deletes themselves; their sessions go with them. */
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';
import { deleteUserIn } from '../store.ts';

export const deleteUser: OperationFactory = (services) => async (request) => {
  const { user } = await authenticateAccess(services, request['AccessToken']);
  await services.store.update((draft) => deleteUserIn(draft, user.username), services.clock.now());
  services.groups.removeUser(user.username);
  return {};
};
