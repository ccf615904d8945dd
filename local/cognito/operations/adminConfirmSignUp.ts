/** AdminConfirmSignUp: confirms an UNCONFIRMED user without a code (the email stays unverified). */
import type {
  AdminConfirmSignUpRequest,
  AdminConfirmSignUpResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { NotAuthorizedException, UserNotFoundException } from '../errors.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';

export const adminConfirmSignUp: OperationFactory<
  'clock' | 'pool' | 'store' | 'triggers',
  AdminConfirmSignUpRequest,
  AdminConfirmSignUpResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const user = services.store.findUser(requiredString(request, 'Username'));
  if (!user) throw new UserNotFoundException();
  const now = services.clock.now();
  const { store } = services;
  const confirmed = store.transaction(() => {
    const updated = store.updateUser(user.username, (target) => {
      if (target.status !== 'UNCONFIRMED')
        throw new NotAuthorizedException(
          `User cannot be confirmed. Current status is ${target.status}`,
        );
      target.status = 'CONFIRMED';
      target.updatedAt = now;
    });
    if (!updated) throw new UserNotFoundException();
    store.deleteCode(user.username, 'signUp');
    return updated;
  });
  await services.triggers.postConfirmation('PostConfirmation_ConfirmSignUp', confirmed, undefined);
  return {};
};
