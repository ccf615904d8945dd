/** ChangePassword: the signed-in user proves the old password and sets a new one. */
import type {
  ChangePasswordRequest,
  ChangePasswordResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { NotAuthorizedException, UserNotFoundException } from '../errors.ts';
import { takeQuota, uncount } from '../limits.ts';
import { assertPasswordAllowed } from '../password-policy.ts';
import { requiredString } from '../request.ts';
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
  const previous = requiredString(request, 'PreviousPassword');
  const proposed = request['ProposedPassword'];
  assertPasswordAllowed(proposed, services.pool.passwordPolicy, 'proposedPassword');
  const now = services.clock.now();
  const verifier = createVerifier(services.pool.srpName, user.username, proposed);
  const { store } = services;
  // Counted before the old password is judged, in one transaction (see limits.ts).
  commitThenRefuse(services, () => {
    const current = store.getUser(user.username);
    if (!current) throw new UserNotFoundException();
    const attempt = takeQuota(store, user.username, 'changePasswordFailures', now);
    if (
      !current.password ||
      !passwordMatches(services.pool.srpName, current.username, previous, current.password)
    )
      throw NotAuthorizedException.incorrectCredentials();
    uncount(store, attempt);
    store.updateUser(user.username, (target) => {
      target.password = verifier;
      target.updatedAt = now;
    });
  });
  return {};
};
