/** AdminDisableUser: the user can no longer sign in, refresh or use their tokens (until enabled). */
import { UserNotFoundException } from '../errors.ts';
import { requiredString } from '../request.ts';
import { assertPoolId, type OperationFactory } from '../services.ts';
import { type PoolStore } from '../store.ts';

export const adminDisableUser: OperationFactory = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  await setEnabled(
    services.store,
    requiredString(request, 'Username'),
    false,
    services.clock.now(),
  );
  return {};
};

export async function setEnabled(
  store: PoolStore,
  name: string,
  enabled: boolean,
  now: number,
): Promise<void> {
  const user = store.findUser(name);
  if (!user) throw new UserNotFoundException();
  await store.update((draft) => {
    const target = draft.users[user.username];
    if (!target) throw new UserNotFoundException();
    target.enabled = enabled;
    target.updatedAt = now;
  }, now);
}
