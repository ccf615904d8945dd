/**
 * AdminDisableUser: the user can no longer sign in, and, as AWS documents ("deactivates a user and
 * revokes all access tokens for the user"), their refresh and access tokens are revoked for good:
 * enabling the user again does not bring them back.
 */
import { UserNotFoundException } from '../errors.ts';
import { requiredString } from '../request.ts';
import { assertPoolId, type OperationFactory } from '../services.ts';
import { type PoolStore } from '../store.ts';

export const adminDisableUser: OperationFactory = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const { store } = services;
  store.transaction(() => {
    const username = setEnabled(
      store,
      requiredString(request, 'Username'),
      false,
      services.clock.now(),
    );
    store.revokeUserSessions(username);
  });
  return {};
};

/** Returns the canonical username. */
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
