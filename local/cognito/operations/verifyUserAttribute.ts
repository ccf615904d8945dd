/** VerifyUserAttribute: the code sent for a changed email marks it verified. */
import { checkUserCode } from '../codes.ts';
import { InvalidParameterException, UserNotFoundException } from '../errors.ts';
import { requiredString } from '../request.ts';
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';

export const verifyUserAttribute: OperationFactory = (services) => async (request) => {
  const { user } = await authenticateAccess(services, request['AccessToken']);
  const attribute = requiredString(request, 'AttributeName');
  const code = requiredString(request, 'Code');
  if (attribute !== 'email')
    throw new InvalidParameterException(
      `Verification of ${attribute} is not supported by this pool.`,
    );
  const now = services.clock.now();
  await checkUserCode(services, user, 'verifyEmail', code, 'confirmSignUpFailures', now);
  await services.store.update((draft) => {
    const target = draft.users[user.username];
    if (!target) throw new UserNotFoundException();
    target.attributes['email_verified'] = 'true';
    delete target.codes.verifyEmail;
    target.updatedAt = now;
  }, now);
  return {};
};
