/** ConfirmSignUp: the emailed code makes the user CONFIRMED and the email verified. */
import { checkUserCode } from '../codes.ts';
import { CodeMismatchException, NotAuthorizedException, UserNotFoundException } from '../errors.ts';
import { optionalString, requiredString } from '../request.ts';
import { assertSecretHash, resolveClient, type OperationFactory } from '../services.ts';

export const confirmSignUp: OperationFactory = (services) => async (request) => {
  const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
  const name = requiredString(request, 'Username');
  const code = requiredString(request, 'ConfirmationCode');
  assertSecretHash(client, name, optionalString(request, 'SecretHash'));
  const user = services.store.findUser(name);
  if (!user) {
    // Enumeration safety: indistinguishable from a wrong code (⚠ the exact ENABLED answer is undocumented).
    if (client.declaration.preventUserExistenceErrors) throw new CodeMismatchException();
    throw new UserNotFoundException('Username/client id combination not found.');
  }
  if (user.status !== 'UNCONFIRMED')
    throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
  const now = services.clock.now();
  await checkUserCode(services, user, 'signUp', code, 'confirmSignUpFailures', now);
  await services.store.update((draft) => {
    const target = draft.users[user.username];
    if (!target || target.status !== 'UNCONFIRMED')
      throw new NotAuthorizedException('User cannot be confirmed. Current status is CONFIRMED');
    target.status = 'CONFIRMED';
    target.attributes['email_verified'] = 'true';
    delete target.codes.signUp; // single use
    target.updatedAt = now;
  }, now);
  return {};
};
