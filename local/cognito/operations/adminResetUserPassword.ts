/**
 * AdminResetUserPassword: the user's password stops working (status RESET_REQUIRED; sign-in answers
 * PasswordResetRequiredException) and, when the email is verified, a reset code goes to it, which
 * ConfirmForgotPassword redeems with a new password (or ForgotPassword sends another one).
 *
 * Unconfirmed: the refusal of an UNCONFIRMED user ("User password cannot be reset in the current
 * state.", as reported for the real service); without a verified email the password is reset and
 * no code is sent (the API reference only says the code is sent when such an email exists).
 */
import type {
  AdminResetUserPasswordRequest,
  AdminResetUserPasswordResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { NotAuthorizedException, UserNotFoundException } from '../errors.ts';
import { takeQuota } from '../limits.ts';
import { sendCodeMessage } from '../messages.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';
import { commitThenRefuse } from '../transactions.ts';

export const adminResetUserPassword: OperationFactory<
  'clock' | 'codes' | 'mailbox' | 'pool' | 'store' | 'triggers',
  AdminResetUserPasswordRequest,
  AdminResetUserPasswordResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const user = services.store.findUser(requiredString(request, 'Username'));
  if (!user) throw new UserNotFoundException();
  if (user.status === 'UNCONFIRMED')
    throw new NotAuthorizedException('User password cannot be reset in the current state.');
  const email = user.attributes['email'];
  const deliverable = email !== undefined && user.attributes['email_verified'] === 'true';
  const now = services.clock.now();
  const issued = deliverable
    ? services.codes.issue('forgotPassword', user.username, now)
    : undefined;
  const { store } = services;
  // The code counts against the same hourly quota as ForgotPassword's, in the transaction that
  // stores it and resets the password.
  commitThenRefuse(services, () => {
    if (issued) {
      takeQuota(store, user.username, 'forgotPassword', now);
      store.putCode(user.username, 'forgotPassword', issued.stored);
    }
    const updated = store.updateUser(user.username, (target) => {
      target.status = 'RESET_REQUIRED';
      target.updatedAt = now;
    });
    if (!updated) throw new UserNotFoundException();
  });
  if (issued && email) {
    await sendCodeMessage(services, {
      source: 'CustomMessage_ForgotPassword',
      user,
      clientId: undefined,
      to: email,
      code: issued.code,
      subject: 'Your password reset code',
      body: `Your password reset code is ${issued.code}`,
    });
  }
  return {};
};
