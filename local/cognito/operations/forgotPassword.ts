/** ForgotPassword: a reset code (valid 1 h) to the user's verified email. */
import { emailDelivery, simulatedDelivery } from '../attributes.ts';
import { InvalidParameterException, UserNotFoundException } from '../errors.ts';
import { assertWithinQuota, countAction } from '../limits.ts';
import { optionalString, requiredString } from '../request.ts';
import { assertSecretHash, resolveClient, type OperationFactory } from '../services.ts';

export const forgotPassword: OperationFactory = (services) => async (request) => {
  const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
  const name = requiredString(request, 'Username');
  assertSecretHash(client, name, optionalString(request, 'SecretHash'));
  const user = services.store.findUser(name);
  const email = user?.attributes['email'];
  const deliverable = user && user.enabled && email && user.attributes['email_verified'] === 'true';
  if (!deliverable) {
    // Enumeration safety: unknown, disabled or unverified users get a simulated delivery.
    if (client.declaration.preventUserExistenceErrors)
      return { CodeDeliveryDetails: email ? emailDelivery(email) : simulatedDelivery(name) };
    if (!user) throw new UserNotFoundException('Username/client id combination not found.');
    throw new InvalidParameterException(
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    );
  }
  const now = services.clock.now();
  assertWithinQuota(user, 'forgotPassword', now);
  const { code, stored } = services.codes.issue('forgotPassword', user.username, now);
  await services.store.update((draft) => {
    const target = draft.users[user.username];
    if (!target) throw new UserNotFoundException();
    target.codes.forgotPassword = stored;
    countAction(target, 'forgotPassword', now);
  }, now);
  services.mailbox.send({
    to: email,
    subject: 'Your password reset code',
    body: `Your password reset code is ${code}`,
    code,
  });
  return { CodeDeliveryDetails: emailDelivery(email) };
};
