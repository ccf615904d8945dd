/** AdminConfirmSignUp: confirms an UNCONFIRMED user without a code (the email stays unverified). */
import { NotAuthorizedException, UserNotFoundException } from '../errors.ts';
import { requiredString } from '../request.ts';
import { assertPoolId, type OperationFactory } from '../services.ts';

export const adminConfirmSignUp: OperationFactory = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const user = services.store.findUser(requiredString(request, 'Username'));
  if (!user) throw new UserNotFoundException();
  const now = services.clock.now();
  await services.store.update((draft) => {
    const target = draft.users[user.username];
    if (!target) throw new UserNotFoundException();
    if (target.status !== 'UNCONFIRMED')
      throw new NotAuthorizedException(
        `User cannot be confirmed. Current status is ${target.status}`,
      );
    target.status = 'CONFIRMED';
    delete target.codes.signUp;
    target.updatedAt = now;
  }, now);
  return {};
};
