/**
 * GetUserAttributeVerificationCode: (another) code for the signed-in user's email, which
 * VerifyUserAttribute redeems (Amplify's `sendUserAttributeVerificationCode`). Each request
 * replaces the previous code and counts against an hourly quota, like ResendConfirmationCode.
 */
import type {
  GetUserAttributeVerificationCodeRequest,
  GetUserAttributeVerificationCodeResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { issueCode } from '../code-redemption.ts';
import { pendingEmailOf } from '../attribute-changes.ts';
import { emailDelivery } from '../attributes.ts';
import { InvalidParameterException } from '../errors.ts';
import { sendCodeMessage } from '../messages.ts';
import { requiredString } from '../request.ts';
import { type OperationFactory } from '../services.ts';
import { authenticateAccess } from '../sign-in.ts';

export const getUserAttributeVerificationCode: OperationFactory<
  'clock' | 'codes' | 'mailbox' | 'store' | 'tokens' | 'triggers',
  GetUserAttributeVerificationCodeRequest,
  GetUserAttributeVerificationCodeResponse
> = (services) => async (request) => {
  const { user, claims } = await authenticateAccess(services, request['AccessToken']);
  const attribute = requiredString(request, 'AttributeName');
  // A pending new email (keepOriginal) is the one to verify.
  const email = pendingEmailOf(user) ?? user.attributes['email'];
  // The pool verifies emails only (no phone numbers); wording unconfirmed.
  if (attribute !== 'email')
    throw new InvalidParameterException(
      `Verification of ${attribute} is not supported by this pool.`,
    );
  if (!email) throw new InvalidParameterException('User has no email attribute to verify.');
  const now = services.clock.now();
  const code = issueCode(services, user.username, 'verifyEmail', 'attributeVerificationCode', now);
  await sendCodeMessage(services, {
    source: 'CustomMessage_VerifyUserAttribute',
    user,
    clientId: claims.client_id,
    to: email,
    code,
    subject: 'Your verification code',
    body: `Your verification code is ${code}`,
  });
  return { CodeDeliveryDetails: emailDelivery(email) };
};
