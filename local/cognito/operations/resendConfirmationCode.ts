/** ResendConfirmationCode: a new sign-up code (the old one stops working), 5 per hour. */
import type {
  ResendConfirmationCodeRequest,
  ResendConfirmationCodeResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { issueCode } from '../code-redemption.ts';
import { emailDelivery, simulatedDelivery } from '../attributes.ts';
import { InvalidParameterException, UserNotFoundException } from '../errors.ts';
import { optionalString, requiredString } from '../request.ts';
import { assertSecretHash, resolveClient } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';
import { sendSignUpCode } from '../messages.ts';

export const resendConfirmationCode: OperationFactory<
  'clock' | 'codes' | 'mailbox' | 'pool' | 'store' | 'triggers',
  ResendConfirmationCodeRequest,
  ResendConfirmationCodeResponse
> = (services) => async (request) => {
  const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
  const name = requiredString(request, 'Username');
  assertSecretHash(client, name, optionalString(request, 'SecretHash'));
  const user = services.store.findUser(name);
  if (!user) {
    // Enumeration safety: the same answer as for a real user, with a simulated destination.
    if (client.declaration.preventUserExistenceErrors)
      return { CodeDeliveryDetails: simulatedDelivery(name) };
    throw new UserNotFoundException('Username/client id combination not found.');
  }
  if (user.status !== 'UNCONFIRMED')
    throw new InvalidParameterException('User is already confirmed.');
  const now = services.clock.now();
  // Quota checked and counted in the transaction that stores the code (see limits.ts).
  const code = issueCode(services, user.username, 'signUp', 'resendConfirmationCode', now);
  const email = user.attributes['email']!;
  await sendSignUpCode(services, user, client.id, code, 'CustomMessage_ResendCode');
  return { CodeDeliveryDetails: emailDelivery(email) };
};
