/**
 * InitiateAuth: USER_SRP_AUTH (step 1 of SRP, password-verifier.ts), USER_PASSWORD_AUTH
 * (password-auth.ts: checked against the same SRP verifier), USER_AUTH (user-auth.ts) and
 * REFRESH_TOKEN_AUTH / REFRESH_TOKEN. AdminInitiateAuth runs the same flows.
 */
import type {
  InitiateAuthRequest,
  InitiateAuthResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { InvalidParameterException } from '../errors.ts';
import { optionalString, requiredString, stringMap } from '../request.ts';
import { assertFlowEnabled, assertSecretHash, resolveClient } from '../client-checks.ts';
import { requiredParameter, signInWithPassword } from '../password-auth.ts';
import { srpChallenge } from '../password-verifier.ts';
import { type OperationFactory } from '../services.ts';
import { refreshSession, signingInUser } from '../sign-in.ts';
import { initiateUserAuth } from '../user-auth.ts';

export const initiateAuth: OperationFactory<
  'authSessions' | 'clock' | 'keys' | 'mailbox' | 'passkeys' | 'pool' | 'store' | 'tokens',
  InitiateAuthRequest,
  InitiateAuthResponse
> = (services) => async (request) => {
  const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
  const flow = requiredString(request, 'AuthFlow');
  const parameters = stringMap(request, 'AuthParameters', true);
  switch (flow) {
    case 'USER_SRP_AUTH': {
      assertFlowEnabled(client, 'ALLOW_USER_SRP_AUTH', flow);
      const name = requiredParameter(parameters, 'USERNAME');
      const srpA = requiredParameter(parameters, 'SRP_A');
      const user = signingInUser(services, client, name, parameters['SECRET_HASH']);
      return srpChallenge(services, client.id, name, user, srpA);
    }
    case 'USER_PASSWORD_AUTH':
      assertFlowEnabled(client, 'ALLOW_USER_PASSWORD_AUTH', flow);
      return signInWithPassword(services, client, parameters);
    case 'USER_AUTH':
      // ALLOW_USER_AUTH covers password and SRP too, without their own flows being enabled.
      assertFlowEnabled(client, 'ALLOW_USER_AUTH', flow);
      return initiateUserAuth(services, client, parameters, optionalString(request, 'Session'));
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN': {
      assertFlowEnabled(client, 'ALLOW_REFRESH_TOKEN_AUTH', flow);
      const refreshToken = requiredParameter(parameters, 'REFRESH_TOKEN');
      if (client.secret) {
        // ⚠ Which username enters SECRET_HASH here is unconfirmed; the session's canonical one is used.
        const session = services.store.findSessionByRefreshHash(
          services.tokens.hashRefreshToken(refreshToken),
        );
        assertSecretHash(client, session?.username ?? '', parameters['SECRET_HASH']);
      }
      // Without refresh-token rotation Cognito returns new ID and access tokens only.
      return {
        AuthenticationResult: await refreshSession(services, refreshToken, client),
        ChallengeParameters: {},
      };
    }
    default:
      throw new InvalidParameterException(`Unsupported or not enabled auth flow: ${flow}`);
  }
};
