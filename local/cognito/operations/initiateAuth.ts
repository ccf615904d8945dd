/**
 * InitiateAuth: USER_SRP_AUTH (step 1 of SRP; the answer is PASSWORD_VERIFIER), USER_PASSWORD_AUTH
 * (password checked against the same SRP verifier) and REFRESH_TOKEN_AUTH / REFRESH_TOKEN.
 */
import type { InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import { challengeLifetimeMs } from '../challenges.ts';
import {
  InvalidParameterException,
  NotAuthorizedException,
  UserNotFoundException,
} from '../errors.ts';
import { optionalString, requiredString, stringMap } from '../request.ts';
import { seal } from '../sealed.ts';
import { assertFlowEnabled, assertSecretHash, resolveClient } from '../client-checks.ts';
import { phantomSubject } from '../decoys.ts';
import { type OperationFactory, type Wire, type Services } from '../services.ts';
import {
  assertMaySignIn,
  completeSignIn,
  decoyAccount,
  judgePassword,
  refreshSession,
  refuseIfLockedOut,
} from '../sign-in.ts';
import { passwordMatches, startChallenge } from '../srp.ts';
import { type UserRecord } from '../store.ts';
import { secretBlockPurpose, type SecretBlockState } from '../srp-secret-block.ts';
import { initiateUserAuth } from '../user-auth.ts';

export const initiateAuth: OperationFactory<Wire<InitiateAuthResponse>> =
  (services) => async (request) => {
    const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
    const flow = requiredString(request, 'AuthFlow');
    const parameters = stringMap(request, 'AuthParameters', true);
    switch (flow) {
      case 'USER_SRP_AUTH': {
        assertFlowEnabled(client, 'ALLOW_USER_SRP_AUTH', flow);
        const name = need(parameters, 'USERNAME');
        const srpA = need(parameters, 'SRP_A');
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
      case 'USER_PASSWORD_AUTH': {
        assertFlowEnabled(client, 'ALLOW_USER_PASSWORD_AUTH', flow);
        const name = need(parameters, 'USERNAME');
        const password = need(parameters, 'PASSWORD');
        const user = services.store.findUser(name);
        if (!user) {
          if (!client.declaration.preventUserExistenceErrors) throw new UserNotFoundException();
          // Enumeration safety: the same check, counting and write as for a wrong password.
          const decoy = decoyAccount(services, name);
          judgePassword(services, phantomSubject(services, name), () =>
            passwordMatches(services.pool.srpName, decoy.userId, password, decoy),
          );
          throw NotAuthorizedException.incorrectCredentials();
        }
        assertSecretHash(client, name, parameters['SECRET_HASH']);
        judgePassword(
          services,
          user.username,
          () =>
            user.password !== undefined &&
            passwordMatches(services.pool.srpName, user.username, password, user.password),
          () => assertMaySignIn(services, user),
        );
        return completeSignIn(services, user, client);
      }
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
        const refreshToken = need(parameters, 'REFRESH_TOKEN');
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

function need(parameters: Record<string, string>, name: string): string {
  const value = parameters[name];
  if (!value) throw new InvalidParameterException(`Missing required parameter ${name}`);
  return value;
}

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
