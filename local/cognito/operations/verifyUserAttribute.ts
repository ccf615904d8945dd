/**
 * VerifyUserAttribute: the code sent for a changed email marks it verified (and, with
 * `keepOriginal.email`, makes it the user's email).
 */
import type {
  VerifyUserAttributeRequest,
  VerifyUserAttributeResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { applyVerifiedEmail } from '../attribute-changes.ts';
import { redeemCode } from '../code-redemption.ts';
import { InvalidParameterException } from '../errors.ts';
import { requiredString } from '../request.ts';
import { type OperationFactory } from '../services.ts';
import { commitThenRefuse } from '../transactions.ts';
import { authenticateAccess } from '../sign-in.ts';

export const verifyUserAttribute: OperationFactory<
  'clock' | 'codes' | 'store' | 'tokens',
  VerifyUserAttributeRequest,
  VerifyUserAttributeResponse
> = (services) => async (request) => {
  const { user } = await authenticateAccess(services, request['AccessToken']);
  const attribute = requiredString(request, 'AttributeName');
  const code = requiredString(request, 'Code');
  if (attribute !== 'email')
    throw new InvalidParameterException(
      `Verification of ${attribute} is not supported by this pool.`,
    );
  const now = services.clock.now();
  // The attempt is counted, the code judged and consumed, and the email verified in one transaction.
  commitThenRefuse(services, () => {
    redeemCode(services, user.username, 'verifyEmail', code, 'confirmSignUpFailures', now);
    applyVerifiedEmail(services, user.username, now);
  });
  return {};
};
