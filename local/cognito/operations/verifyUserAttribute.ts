/** VerifyUserAttribute: the code sent for a changed email marks it verified. */
import { CodeMismatchException, InvalidParameterException, UserNotFoundException } from '../errors.ts';
import { assertWithinQuota, countAction } from '../limits.ts';
import { requiredString } from '../request.ts';
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';

export const verifyUserAttribute: OperationFactory = (services) => async (request) => {
  const { user } = await authenticateAccess(services, request['AccessToken']);
  const attribute = requiredString(request, 'AttributeName');
  const code = requiredString(request, 'Code');
  if (attribute !== 'email') throw new InvalidParameterException(`Verification of ${attribute} is not supported by this pool.`);
  const now = services.clock.now();
  assertWithinQuota(user, 'confirmSignUpFailures', now);
  try {
    services.codes.check('verifyEmail', user.username, user.codes.verifyEmail, code, now);
  } catch (error) {
    if (error instanceof CodeMismatchException) {
      await services.store.update((draft) => {
        const target = draft.users[user.username];
        if (target) countAction(target, 'confirmSignUpFailures', now);
      }, now);
    }
    throw error;
  }
  await services.store.update((draft) => {
    const target = draft.users[user.username];
    if (!target) throw new UserNotFoundException();
    target.attributes['email_verified'] = 'true';
    delete target.codes.verifyEmail;
    target.updatedAt = now;
  }, now);
  return {};
};
