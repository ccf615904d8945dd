/**
 * InitiateAuth: USER_SRP_AUTH (step 1 of SRP; the answer is PASSWORD_VERIFIER), USER_PASSWORD_AUTH
 * (password-auth.ts: checked against the same SRP verifier), USER_AUTH (user-auth.ts) and
 * REFRESH_TOKEN_AUTH / REFRESH_TOKEN. AdminInitiateAuth runs the same flows.
 */
import type { InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import { challengeLifetimeMs } from '../challenges.ts';
import { InvalidParameterException, UserNotFoundException } from '../errors.ts';
import { optionalString, requiredString, stringMap } from '../request.ts';
import { seal } from '../sealed.ts';
import { assertFlowEnabled, assertSecretHash, resolveClient } from '../client-checks.ts';
import { phantomSubject } from '../decoys.ts';
import { type OperationFactory, type Wire, type Services } from '../services.ts';
import { assertMaySignIn, decoyAccount, refreshSession, refuseIfLockedOut } from '../sign-in.ts';
import { startChallenge } from '../srp.ts';
import { type UserRecord } from '../store.ts';
import { secretBlockPurpose, type SecretBlockState } from '../srp-secret-block.ts';
import { initiateUserAuth } from '../user-auth.ts';
import { requiredParameter, signInWithPassword } from '../password-auth.ts';

export const initiateAuth: OperationFactory<Wire<InitiateAuthResponse>> =
  (services) => async (request) => {
    const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
    const flow = requiredString(request, 'AuthFlow');
    const parameters = stringMap(request, 'AuthParameters', true);
    switch (flow) {
      case 'USER_SRP_AUTH': {
        assertFlowEnabled(client, 'ALLOW_USER_SRP_AUTH', flow);
        const name = requiredParameter(parameters, 'USERNAME');
        const srpA = requiredParameter(parameters, 'SRP_A');
        const user = services.store.findUser(name);
        if (user) {
          assertSecretHash(client, name, parameters['SECRET_HASH']);
          refuseIfLockedOut(services, user.username);
          assertMaySignIn(services, user);
        } else if (!client.declaration.preventUserExistenceErrors) {
          throw new UserNotFoundException();
        } else {
          refuseIfLockedOut(services, phantomSubject(services, name));
        }
        return srpChallenge(services, client.id, name, user, srpA);
      }
      case 'USER_PASSWORD_AUTH':
        assertFlowEnabled(client, 'ALLOW_USER_PASSWORD_AUTH', flow);
        return signInWithPassword(services, client, parameters);
      case 'USER_AUTH': {
        // ALLOW_USER_AUTH covers password and SRP too, without their own flows being enabled.
        assertFlowEnabled(client, 'ALLOW_USER_AUTH', flow);
        return (await initiateUserAuth(
          services,
          client,
          parameters,
          optionalString(request, 'Session'),
          (typedName, user, srpA) => srpChallenge(services, client.id, typedName, user, srpA),
        )) as never;
      }
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

/**
 * PASSWORD_VERIFIER challenge. For an unknown user (PreventUserExistenceErrors) the answer is
 * simulated with a salt and user id derived from the typed name, stable across attempts as Cognito's
 * are, so the response does not reveal that the user is missing.
 */
export function srpChallenge(
  services: Services,
  clientId: string,
  typedName: string,
  user: UserRecord | undefined,
  srpA: string,
): object {
  // A user without a password (passwordless sign-up) gets the stand-in too.
  const decoy = user?.password ? undefined : decoyAccount(services, typedName);
  const verifier = user?.password?.verifier ?? decoy!.verifier;
  const challenge = startChallenge(srpA, verifier);
  if (!challenge) throw new InvalidParameterException('Invalid SRP_A value');
  const userIdForSrp = user?.username ?? decoy!.userId;
  const state: SecretBlockState = {
    userIdForSrp,
    exists: user ? 1 : 0,
    clientId,
    A: challenge.A.toString(16),
    B: challenge.B.toString(16),
    b: challenge.b.toString(16),
    expiresAt: services.clock.now() + challengeLifetimeMs,
  };
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: user?.password?.salt ?? decoy!.salt,
      SECRET_BLOCK: seal(services.keys.challengeKey, secretBlockPurpose, state),
      SRP_B: challenge.B.toString(16),
      USERNAME: userIdForSrp,
      USER_ID_FOR_SRP: userIdForSrp,
    },
  };
}
