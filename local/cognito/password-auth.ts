/**
 * The password sent in the clear, checked against the user's SRP verifier: InitiateAuth's
 * `USER_PASSWORD_AUTH` and AdminInitiateAuth's `ADMIN_USER_PASSWORD_AUTH` (alias
 * `ADMIN_NO_SRP_AUTH`) share it; each checks its own client flow first.
 */
import {
  InvalidParameterException,
  NotAuthorizedException,
  UserNotFoundException,
} from './errors.ts';
import { assertSecretHash } from './client-checks.ts';
import { phantomSubject } from './decoys.ts';
import { type LocalClient } from './pool-config.ts';
import { type Services } from './services.ts';
import { assertMaySignIn, completeSignIn, decoyAccount, judgePassword } from './sign-in.ts';
import { passwordMatches } from './srp.ts';

export function requiredParameter(parameters: Record<string, string>, name: string): string {
  const value = parameters[name];
  if (!value) throw new InvalidParameterException(`Missing required parameter ${name}`);
  return value;
}

/** USERNAME + PASSWORD (+ SECRET_HASH): a challenge (new password, second factor) or tokens. */
export async function signInWithPassword(
  services: Services,
  client: LocalClient,
  parameters: Record<string, string>,
): Promise<object> {
  const name = requiredParameter(parameters, 'USERNAME');
  const password = requiredParameter(parameters, 'PASSWORD');
  const user = services.store.findUser(name);
  if (!user) {
    if (!client.declaration.preventUserExistenceErrors) throw new UserNotFoundException();
    // Enumeration safety: the same check, counting and write as for a wrong password.
    const decoy = decoyAccount(services, name);
    judgePassword(services, phantomSubject(services, name), () =>
      passwordMatches(services.pool.srpName, decoy.userId, password, decoy),
    );
    throw NotAuthorizedException.incorrectCredentials();
  }
  assertSecretHash(client, name, parameters['SECRET_HASH']);
  judgePassword(
    services,
    user.username,
    () =>
      user.password !== undefined &&
      passwordMatches(services.pool.srpName, user.username, password, user.password),
    () => assertMaySignIn(services, user),
  );
  return completeSignIn(services, user, client);
}
