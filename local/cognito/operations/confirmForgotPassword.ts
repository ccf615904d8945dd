/** ConfirmForgotPassword: the reset code sets a new password; the code works once. */
import type {
  ConfirmForgotPasswordRequest,
  ConfirmForgotPasswordResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { redeemCode } from '../code-redemption.ts';
import { CodeMismatchException, UserNotFoundException } from '../errors.ts';
import { noLockout } from '../lockout.ts';
import { assertPasswordAllowed } from '../password-policy.ts';
import { optionalString, requiredString } from '../request.ts';
import { assertSecretHash, resolveClient } from '../client-checks.ts';
import { phantomSubject } from '../decoys.ts';
import { type OperationFactory } from '../services.ts';
import { commitThenRefuse } from '../transactions.ts';
import { createVerifier } from '../srp.ts';

export const confirmForgotPassword: OperationFactory<
  'clock' | 'codes' | 'keys' | 'pool' | 'store' | 'triggers',
  ConfirmForgotPasswordRequest,
  ConfirmForgotPasswordResponse
> = (services) => async (request) => {
  const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
  const name = requiredString(request, 'Username');
  const code = requiredString(request, 'ConfirmationCode');
  assertSecretHash(client, name, optionalString(request, 'SecretHash'));
  const password = request['Password'];
  assertPasswordAllowed(password, services.pool.passwordPolicy);
  const user = services.store.findUser(name);
  const now = services.clock.now();
  const failures = 'confirmForgotPasswordFailures';
  if (!user || !user.enabled) {
    if (!client.declaration.preventUserExistenceErrors)
      throw new UserNotFoundException('Username/client id combination not found.');
    // Enumeration safety: counted and refused like a wrong code (CodeMismatchException).
    commitThenRefuse(services, () =>
      redeemCode(services, phantomSubject(services, name), 'forgotPassword', code, failures, now),
    );
    throw new CodeMismatchException();
  }
  const verifier = createVerifier(services.pool.srpName, user.username, password);
  const { store } = services;
  // The attempt is counted, the code judged and consumed, and the password set in one transaction.
  const confirmed = commitThenRefuse(services, () => {
    redeemCode(services, user.username, 'forgotPassword', code, failures, now);
    const updated = store.updateUser(user.username, (target) => {
      target.password = verifier;
      if (target.status === 'RESET_REQUIRED' || target.status === 'FORCE_CHANGE_PASSWORD')
        target.status = 'CONFIRMED';
      delete target.temporaryPasswordSetAt;
      target.updatedAt = now;
    });
    if (!updated) throw new UserNotFoundException();
    store.putLockout(user.username, noLockout());
    return updated;
  });
  await services.triggers.postConfirmation(
    'PostConfirmation_ConfirmForgotPassword',
    confirmed,
    client.id,
  );
  return {};
};
