/** ConfirmSignUp: the emailed code makes the user CONFIRMED and the email verified. */
import type {
  ConfirmSignUpRequest,
  ConfirmSignUpResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { redeemCode } from '../code-redemption.ts';
import { CodeMismatchException, NotAuthorizedException, UserNotFoundException } from '../errors.ts';
import { optionalString, requiredString } from '../request.ts';
import { assertSecretHash, resolveClient } from '../client-checks.ts';
import { phantomSubject } from '../decoys.ts';
import { type OperationFactory } from '../services.ts';
import { commitThenRefuse } from '../transactions.ts';
import { signUpSession } from '../user-auth.ts';

export const confirmSignUp: OperationFactory<
  'authSessions' | 'clock' | 'codes' | 'keys' | 'pool' | 'store' | 'triggers',
  ConfirmSignUpRequest,
  ConfirmSignUpResponse
> = (services) => async (request) => {
  const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
  const name = requiredString(request, 'Username');
  const code = requiredString(request, 'ConfirmationCode');
  assertSecretHash(client, name, optionalString(request, 'SecretHash'));
  const user = services.store.findUser(name);
  const now = services.clock.now();
  const failures = 'confirmSignUpFailures';
  if (!user) {
    if (!client.declaration.preventUserExistenceErrors)
      throw new UserNotFoundException('Username/client id combination not found.');
    // Enumeration safety: counted and refused like a wrong code (⚠ the exact ENABLED answer is undocumented).
    commitThenRefuse(services, () =>
      redeemCode(services, phantomSubject(services, name), 'signUp', code, failures, now),
    );
    throw new CodeMismatchException();
  }
  const { store } = services;
  // The attempt is counted, the code judged and consumed, and the user confirmed in one transaction.
  const confirmed = commitThenRefuse(services, () => {
    const current = store.getUser(user.username);
    if (!current) throw new UserNotFoundException('Username/client id combination not found.');
    if (current.status !== 'UNCONFIRMED')
      throw new NotAuthorizedException(
        `User cannot be confirmed. Current status is ${current.status}`,
      );
    redeemCode(services, user.username, 'signUp', code, failures, now);
    return store.updateUser(user.username, (target) => {
      target.status = 'CONFIRMED';
      target.attributes['email_verified'] = 'true';
      target.updatedAt = now;
    });
  });
  if (confirmed)
    await services.triggers.postConfirmation(
      'PostConfirmation_ConfirmSignUp',
      confirmed,
      client.id,
    );
  return { Session: signUpSession(services, user.username, client.id) };
};
