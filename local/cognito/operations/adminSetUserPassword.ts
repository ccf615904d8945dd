/** AdminSetUserPassword: permanent (CONFIRMED) or temporary (FORCE_CHANGE_PASSWORD) password. */
import type {
  AdminSetUserPasswordRequest,
  AdminSetUserPasswordResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { UserNotFoundException } from '../errors.ts';
import { noLockout } from '../lockout.ts';
import { assertPasswordAllowed } from '../password-policy.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';
import { createVerifier } from '../srp.ts';

export const adminSetUserPassword: OperationFactory<
  'clock' | 'pool' | 'store',
  AdminSetUserPasswordRequest,
  AdminSetUserPasswordResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const user = services.store.findUser(requiredString(request, 'Username'));
  const password = request['Password'];
  assertPasswordAllowed(password, services.pool.passwordPolicy);
  if (!user) throw new UserNotFoundException();
  const permanent = request['Permanent'] === true;
  const verifier = createVerifier(services.pool.srpName, user.username, password);
  const now = services.clock.now();
  const { store } = services;
  store.transaction(() => {
    const updated = store.updateUser(user.username, (target) => {
      target.password = verifier;
      if (permanent) {
        target.status = 'CONFIRMED';
        delete target.temporaryPasswordSetAt;
      } else {
        target.status = 'FORCE_CHANGE_PASSWORD';
        target.temporaryPasswordSetAt = now;
      }
      target.updatedAt = now;
    });
    if (!updated) throw new UserNotFoundException();
    store.putLockout(user.username, noLockout());
  });
  return {};
};
