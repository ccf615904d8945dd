/** AdminDisableUser: the user can no longer sign in, refresh or use their tokens (until enabled). */
import { UserNotFoundException } from '../errors.ts';
import { requiredString } from '../request.ts';
import { assertPoolId, type OperationFactory } from '../services.ts';
import { type PoolStore } from '../store.ts';

export const adminDisableUser: OperationFactory = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  setEnabled(services.store, requiredString(request, 'Username'), false, services.clock.now());
  return {};
};

export function setEnabled(store: PoolStore, name: string, enabled: boolean, now: number): void {
  const user = store.findUser(name);
  const updated =
    user &&
    store.updateUser(user.username, (target) => {
      target.enabled = enabled;
      target.updatedAt = now;
    });
  if (!updated) throw new UserNotFoundException();
}
