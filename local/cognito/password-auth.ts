/**
 * The password sent in the clear, checked against the user's SRP verifier: InitiateAuth's
 * `USER_PASSWORD_AUTH` and AdminInitiateAuth's `ADMIN_USER_PASSWORD_AUTH` (alias
 * `ADMIN_NO_SRP_AUTH`) share it; each checks its own client flow first.
 */
import { InvalidParameterException, UserNotFoundException } from './errors.ts';
import { assertSecretHash } from './client-checks.ts';
import { type LocalClient } from './pool-config.ts';
import { type AuthStep, type Uses } from './services.ts';
import { checkPassword } from './sign-in.ts';

export function requiredParameter(parameters: Record<string, string>, name: string): string {
  const value = parameters[name];
  if (!value) throw new InvalidParameterException(`Missing required parameter ${name}`);
  return value;
}

/** USERNAME + PASSWORD (+ SECRET_HASH): a challenge (new password, second factor) or tokens. */
export async function signInWithPassword(
  services: Uses<'authSessions' | 'clock' | 'keys' | 'mailbox' | 'pool' | 'store' | 'tokens'>,
  client: LocalClient,
  parameters: Record<string, string>,
): Promise<AuthStep> {
  const name = requiredParameter(parameters, 'USERNAME');
  const password = requiredParameter(parameters, 'PASSWORD');
  const user = services.store.findUser(name);
  if (!user && !client.declaration.preventUserExistenceErrors) throw new UserNotFoundException();
  if (user) assertSecretHash(client, name, parameters['SECRET_HASH']);
  return checkPassword(services, client, name, user, password);
}
