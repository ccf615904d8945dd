import { UserNotFoundException } from './errors.ts';
import { type PoolStore } from './store.ts';

/**
 * AdminDisableUser / AdminEnableUser: a disabled user can no longer sign in, refresh or use tokens.
 * Returns the canonical username.
 */
export function setEnabled(store: PoolStore, name: string, enabled: boolean, now: number): string {
  const user = store.findUser(name);
  const updated =
    user &&
    store.updateUser(user.username, (target) => {
      target.enabled = enabled;
      target.updatedAt = now;
    });
  if (!updated) throw new UserNotFoundException();
  return updated.username;
}
