/** ForgotPassword: a reset code (valid 1 h) to the user's verified email. */
import type {
  ForgotPasswordRequest,
  ForgotPasswordResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { issueCode } from '../code-redemption.ts';
import { emailDelivery, simulatedDelivery } from '../attributes.ts';
import { InvalidParameterException, UserNotFoundException } from '../errors.ts';
import { takeQuota } from '../limits.ts';
import { optionalString, requiredString } from '../request.ts';
import { assertSecretHash, resolveClient } from '../client-checks.ts';
import { phantomSubject } from '../decoys.ts';
import { type OperationFactory } from '../services.ts';
import { commitThenRefuse } from '../transactions.ts';
import { sendCodeMessage } from '../messages.ts';

export const forgotPassword: OperationFactory<
  'clock' | 'codes' | 'keys' | 'mailbox' | 'pool' | 'store' | 'triggers',
  ForgotPasswordRequest,
  ForgotPasswordResponse
> = (services) => async (request) => {
  const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
  const name = requiredString(request, 'Username');
  assertSecretHash(client, name, optionalString(request, 'SecretHash'));
  const user = services.store.findUser(name);
  const email = user?.attributes['email'];
  const deliverable = user && user.enabled && email && user.attributes['email_verified'] === 'true';
  const now = services.clock.now();
  const { store } = services;
  if (!deliverable) {
    // Enumeration safety: unknown, disabled or unverified users get a simulated delivery, after
    // the same work (a code issued, counted against the quota and stored) under a phantom subject.
    if (client.declaration.preventUserExistenceErrors) {
      const subject = phantomSubject(services, name);
      const { stored } = services.codes.issue('forgotPassword', subject, now);
      commitThenRefuse(services, () => {
        takeQuota(store, subject, 'forgotPassword', now);
        store.putCode(subject, 'forgotPassword', stored);
      });
      return { CodeDeliveryDetails: email ? emailDelivery(email) : simulatedDelivery(name) };
    }
    if (!user) throw new UserNotFoundException('Username/client id combination not found.');
    throw new InvalidParameterException(
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    );
  }
  const code = issueCode(services, user.username, 'forgotPassword', 'forgotPassword', now);
  await sendCodeMessage(services, {
    source: 'CustomMessage_ForgotPassword',
    user,
    clientId: client.id,
    to: email,
    code,
    subject: 'Your password reset code',
    body: `Your password reset code is ${code}`,
  });
  return { CodeDeliveryDetails: emailDelivery(email) };
};
