/** ChangePassword: the signed-in user proves the old password and sets a new one. */
import { NotAuthorizedException, UserNotFoundException } from '../errors.ts';
import { assertWithinQuota, countFailure } from '../limits.ts';
import { assertPasswordAllowed } from '../password-policy.ts';
import { requiredString } from '../request.ts';
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';
import { createVerifier, passwordMatches } from '../srp.ts';

export const changePassword: OperationFactory = (services) => async (request) => {
  const { user } = await authenticateAccess(services, request['AccessToken']);
  const previous = requiredString(request, 'PreviousPassword');
  const proposed = request['ProposedPassword'];
  assertPasswordAllowed(proposed, services.pool.passwordPolicy, 'proposedPassword');
  const now = services.clock.now();
  assertWithinQuota(user, 'changePasswordFailures', now);
  if (
    !user.password ||
    !passwordMatches(services.pool.srpName, user.username, previous, user.password)
  ) {
    await countFailure(services.store, user.username, 'changePasswordFailures', now);
    throw NotAuthorizedException.incorrectCredentials();
  }
  const verifier = createVerifier(services.pool.srpName, user.username, proposed);
  await services.store.update((draft) => {
    const target = draft.users[user.username];
    if (!target) throw new UserNotFoundException();
    target.password = verifier;
    target.updatedAt = now;
  }, now);
  return {};
};
