/**
 * ChangePassword: the signed-in user proves the old password and sets a new one. AWS's reference:
 * PreviousPassword is "Required if the user has a password. If the user has no password and only
 * signs in with passwordless authentication options, you can omit this parameter", so a
 * passwordless account sets its first password here.
 */
import type {
  ChangePasswordRequest,
  ChangePasswordResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { NotAuthorizedException, UserNotFoundException } from '../errors.ts';
import { takeQuota, uncount } from '../limits.ts';
import { assertPasswordAllowed } from '../password-policy.ts';
import { optionalString, requiredString } from '../request.ts';
import { type OperationFactory } from '../services.ts';
import { commitThenRefuse } from '../transactions.ts';
import { authenticateAccess } from '../sign-in.ts';
import { createVerifier, passwordMatches } from '../srp.ts';

export const changePassword: OperationFactory<
  'clock' | 'pool' | 'store' | 'tokens',
  ChangePasswordRequest,
  ChangePasswordResponse
> = (services) => async (request) => {
  const { user } = await authenticateAccess(services, request['AccessToken']);
  const previous = optionalString(request, 'PreviousPassword');
  const proposed = request['ProposedPassword'];
  assertPasswordAllowed(proposed, services.pool.passwordPolicy, 'proposedPassword');
  const now = services.clock.now();
  const verifier = createVerifier(services.pool.srpName, user.username, proposed);
  const { store } = services;
  // Counted before the old password is judged, in one transaction (see limits.ts).
  commitThenRefuse(services, () => {
    const current = store.getUser(user.username);
    if (!current) throw new UserNotFoundException();
    if (current.password) {
      const given = requiredString(request, 'PreviousPassword');
      const attempt = takeQuota(store, user.username, 'changePasswordFailures', now);
      if (!passwordMatches(services.pool.srpName, current.username, given, current.password))
        throw NotAuthorizedException.incorrectCredentials();
      uncount(store, attempt);
    } else if (previous !== undefined) {
      // Unconfirmed: AWS's answer to a previous password for an account that has none; refusing it
      // like a wrong one is the plausible choice (nothing to match).
      throw NotAuthorizedException.incorrectCredentials();
    }
    store.updateUser(user.username, (target) => {
      target.password = verifier;
      target.updatedAt = now;
    });
  });
  return {};
};
