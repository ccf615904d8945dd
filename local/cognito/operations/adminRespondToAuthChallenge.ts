/**
 * AdminRespondToAuthChallenge: the answer to a challenge of AdminInitiateAuth (or InitiateAuth),
 * from a server with IAM credentials. The same challenges and the same engine as
 * RespondToAuthChallenge (PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA,
 * EMAIL_OTP, SELECT_MFA_TYPE, MFA_SETUP, SELECT_CHALLENGE, PASSWORD, PASSWORD_SRP, WEB_AUTHN),
 * after the pool id is checked. `ClientMetadata` and `ContextData` are accepted and unused.
 */
import type {
  AdminRespondToAuthChallengeRequest,
  AdminRespondToAuthChallengeResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory, type ServicesOf } from '../services.ts';
import { respondToAuthChallenge } from './respondToAuthChallenge.ts';

export const adminRespondToAuthChallenge: OperationFactory<
  ServicesOf<typeof respondToAuthChallenge>,
  AdminRespondToAuthChallengeRequest,
  AdminRespondToAuthChallengeResponse
> = (services) => {
  const publicRespond = respondToAuthChallenge(services);
  return async (request, ctx) => {
    assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
    return publicRespond(request, ctx);
  };
};
