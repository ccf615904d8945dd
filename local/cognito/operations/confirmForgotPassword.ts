/** ConfirmForgotPassword: the reset code sets a new password; the code works once. */
import { checkUserCode } from '../codes.ts';
import { CodeMismatchException, ExpiredCodeException, UserNotFoundException } from '../errors.ts';
import { noLockout } from '../lockout.ts';
import { assertPasswordAllowed } from '../password-policy.ts';
import { optionalString, requiredString } from '../request.ts';
import { assertSecretHash, resolveClient, type OperationFactory } from '../services.ts';
import { createVerifier } from '../srp.ts';

export const confirmForgotPassword: OperationFactory = (services) => async (request) => {
  const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
  const name = requiredString(request, 'Username');
  const code = requiredString(request, 'ConfirmationCode');
  assertSecretHash(client, name, optionalString(request, 'SecretHash'));
  const password = request['Password'];
  assertPasswordAllowed(password, services.pool.passwordPolicy);
  const user = services.store.findUser(name);
  if (!user || !user.enabled) {
    if (client.declaration.preventUserExistenceErrors) throw new CodeMismatchException();
    throw new UserNotFoundException('Username/client id combination not found.');
  }
  const now = services.clock.now();
  const pending = user.codes.forgotPassword;
  await checkUserCode(services, user, 'forgotPassword', code, 'confirmForgotPasswordFailures', now);
  const verifier = createVerifier(services.pool.srpName, user.username, password);
  await services.store.update((draft) => {
    const target = draft.users[user.username];
    if (!target) throw new UserNotFoundException();
    // Single use, also under concurrency: the code must still be the one just checked.
    if (target.codes.forgotPassword?.hash !== pending?.hash) throw new ExpiredCodeException();
    delete target.codes.forgotPassword;
    target.password = verifier;
    if (target.status === 'RESET_REQUIRED' || target.status === 'FORCE_CHANGE_PASSWORD')
      target.status = 'CONFIRMED';
    delete target.temporaryPasswordSetAt;
    target.lockout = noLockout();
    target.updatedAt = now;
  }, now);
  return {};
};
