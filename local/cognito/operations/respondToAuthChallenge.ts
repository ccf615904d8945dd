/**
 * RespondToAuthChallenge: PASSWORD_VERIFIER (step 2 of SRP: the client proves it knows the password
 * without sending it), NEW_PASSWORD_REQUIRED (first sign-in of an administrator-created user), and
 * the second factors: SOFTWARE_TOKEN_MFA, EMAIL_OTP, SELECT_MFA_TYPE and MFA_SETUP (see mfa.ts).
 */
import type { RespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import { InvalidParameterException, mfaCodeMismatch, NotAuthorizedException } from '../errors.ts';
import { assertPasswordAllowed } from '../password-policy.ts';
import { optionalString, requiredString, stringMap } from '../request.ts';
import { unseal } from '../sealed.ts';
import { assertSecretHash, resolveClient } from '../client-checks.ts';
import { type OperationFactory, type Wire, type Services } from '../services.ts';
import { type AuthSessionRecord, invalidSession } from '../auth-sessions.ts';
import { acceptTotpCode, emailCodeMatches, factorChallenge, type MfaFactor } from '../mfa.ts';
import {
  assertMaySignIn,
  completeAfterPassword,
  completeSignIn,
  decoySubject,
  decoyVerifier,
  judgePassword,
  newPasswordSessionPurpose,
  refuseIfLockedOut,
  startSession,
  type NewPasswordSession,
} from '../sign-in.ts';
import { createVerifier, expectedSignature, isValidTimestamp, signatureMatches } from '../srp.ts';
import { type LocalClient } from '../pool-config.ts';
import { type UserRecord } from '../store.ts';
import { secretBlockPurpose, type SecretBlockState } from '../srp-secret-block.ts';
import { answerDecoyEmailOtp, respondToUserAuth } from '../user-auth.ts';
import { srpChallenge } from './initiateAuth.ts';

export const respondToAuthChallenge: OperationFactory<Wire<RespondToAuthChallengeResponse>> =
  (services) => async (request) => {
    const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
    const challengeName = requiredString(request, 'ChallengeName');
    const responses = stringMap(request, 'ChallengeResponses', true);
    switch (challengeName) {
      case 'PASSWORD_VERIFIER':
        return passwordVerifier(services, client, responses);
      case 'NEW_PASSWORD_REQUIRED':
        return newPasswordRequired(services, client, responses, optionalString(request, 'Session'));
      case 'SOFTWARE_TOKEN_MFA':
        return mfaCode(services, client, challengeName, responses, request['Session']);
      case 'EMAIL_OTP':
        // A first-factor code and an MFA code share the emailed-code session; an unknown name's
        // simulated one is answered apart.
        return (
          (await answerDecoyEmailOtp(services, client, responses, request['Session'])) ??
          mfaCode(services, client, challengeName, responses, request['Session'])
        );
      case 'SELECT_MFA_TYPE':
        return selectMfaType(services, client, responses, request['Session']);
      case 'MFA_SETUP':
        return mfaSetup(services, client, responses, request['Session']);
      case 'SELECT_CHALLENGE':
      case 'WEB_AUTHN':
      case 'PASSWORD':
      case 'PASSWORD_SRP':
        return (await respondToUserAuth(
          services,
          client,
          challengeName,
          responses,
          request['Session'],
          (typedName, user, srpA) => srpChallenge(services, client.id, typedName, user, srpA),
        )) as never;
      default:
        throw new InvalidParameterException(`Unsupported challenge: ${challengeName}`);
    }
  };

async function passwordVerifier(
  services: Services,
  client: LocalClient,
  responses: Record<string, string>,
): Promise<object> {
  const now = services.clock.now();
  const block = responses['PASSWORD_CLAIM_SECRET_BLOCK'];
  const state = unseal<SecretBlockState>(services.keys.challengeKey, secretBlockPurpose, block);
  if (!state || state.clientId !== client.id || responses['USERNAME'] !== state.userIdForSrp) {
    throw new NotAuthorizedException('Invalid session for the user.');
  }
  if (state.expiresAt <= now)
    throw new NotAuthorizedException('Invalid session for the user, session is expired.');
  // The simulated challenge of an unknown user is judged like a wrong password, with the same work.
  const user = state.exists ? services.store.getUser(state.userIdForSrp) : undefined;
  if (state.exists && !user?.password) throw NotAuthorizedException.incorrectCredentials();
  const decoy = user ? undefined : decoyVerifier(services, state.userIdForSrp);
  if (user) assertSecretHash(client, state.userIdForSrp, responses['SECRET_HASH']);
  const timestamp = responses['TIMESTAMP'] ?? '';
  const signatureIsRight = (): boolean => {
    const expected = isValidTimestamp(timestamp)
      ? expectedSignature({
          srpName: services.pool.srpName,
          username: state.userIdForSrp,
          challenge: {
            A: BigInt(`0x${state.A}`),
            B: BigInt(`0x${state.B}`),
            b: BigInt(`0x${state.b}`),
          },
          verifierHex: user?.password?.verifier ?? decoy!,
          secretBlock: Buffer.from(block!, 'base64'),
          timestamp,
        })
      : undefined;
    return signatureMatches(expected, responses['PASSWORD_CLAIM_SIGNATURE'] ?? '');
  };
  judgePassword(
    services,
    user?.username ?? decoySubject(state.userIdForSrp),
    signatureIsRight,
    () => {
      if (user) assertMaySignIn(services, user);
      // Each SECRET_BLOCK answers once, also after a restart (the claim is stored).
      if (!services.challenges.claim(block!, state.expiresAt))
        throw new NotAuthorizedException('Invalid session for the user.');
    },
  );
  if (!user) throw NotAuthorizedException.incorrectCredentials();
  return completeSignIn(services, user, client);
}

async function newPasswordRequired(
  services: Services,
  client: LocalClient,
  responses: Record<string, string>,
  sessionBlob: string | undefined,
): Promise<object> {
  const now = services.clock.now();
  const session = unseal<NewPasswordSession>(
    services.keys.challengeKey,
    newPasswordSessionPurpose,
    sessionBlob,
  );
  if (!session || session.clientId !== client.id)
    throw new NotAuthorizedException('Invalid session for the user.');
  if (session.expiresAt <= now)
    throw new NotAuthorizedException('Invalid session for the user, session is expired.');
  const user = services.store.getUser(session.username);
  if (!user || user.status !== 'FORCE_CHANGE_PASSWORD')
    throw new NotAuthorizedException('Invalid session for the user.');
  assertSecretHash(client, user.username, responses['SECRET_HASH']);
  assertMaySignIn(services, user);
  const password = responses['NEW_PASSWORD'];
  assertPasswordAllowed(password, services.pool.passwordPolicy, 'NEW_PASSWORD');
  const verifier = createVerifier(services.pool.srpName, user.username, password);
  const confirmed = services.store.transaction(() => {
    const current = services.store.getUser(user.username);
    if (current?.status !== 'FORCE_CHANGE_PASSWORD')
      throw new NotAuthorizedException('Invalid session for the user.');
    return services.store.updateUser(user.username, (target) => {
      target.password = verifier;
      target.status = 'CONFIRMED';
      delete target.temporaryPasswordSetAt;
      target.updatedAt = now;
    })!;
  });
  return completeAfterPassword(services, confirmed, client);
}

/**
 * The user the session belongs to, after the checks every second-factor answer shares: the
 * `USERNAME` sent names that user, the secret hash, lockout and account state.
 */
async function sessionUser(
  services: Services,
  client: LocalClient,
  record: AuthSessionRecord,
  responses: Record<string, string>,
): Promise<UserRecord> {
  const user = services.store.getUser(record.username);
  const named = responses['USERNAME'];
  if (!named) throw new InvalidParameterException('Missing required parameter USERNAME');
  if (!user || services.store.findUser(named)?.username !== user.username) throw invalidSession();
  assertSecretHash(client, named, responses['SECRET_HASH']);
  refuseIfLockedOut(services, user.username);
  assertMaySignIn(services, user);
  return user;
}

async function mfaCode(
  services: Services,
  client: LocalClient,
  challenge: MfaFactor,
  responses: Record<string, string>,
  session: unknown,
): Promise<object> {
  const record = services.authSessions.expect(session, client.id, challenge, services.clock.now());
  const user = await sessionUser(services, client, record, responses);
  const field = challenge === 'SOFTWARE_TOKEN_MFA' ? 'SOFTWARE_TOKEN_MFA_CODE' : 'EMAIL_OTP_CODE';
  const code = responses[field];
  if (!code) throw new InvalidParameterException(`Missing required parameter ${field}`);
  // Counted towards lockout before it is judged, in one transaction, like a password.
  judgePassword(
    services,
    user.username,
    () =>
      challenge === 'SOFTWARE_TOKEN_MFA'
        ? acceptTotpCode(services, user, code)
        : emailCodeMatches(services, user.username, record.data['codeHash'], code),
    undefined,
    mfaCodeMismatch,
  );
  services.authSessions.finish(session as string);
  return {
    AuthenticationResult: await startSession(services, user, client),
    ChallengeParameters: {},
  };
}

async function selectMfaType(
  services: Services,
  client: LocalClient,
  responses: Record<string, string>,
  session: unknown,
): Promise<object> {
  const record = services.authSessions.expect(
    session,
    client.id,
    'SELECT_MFA_TYPE',
    services.clock.now(),
  );
  const user = await sessionUser(services, client, record, responses);
  const answer = responses['ANSWER'];
  if (!answer) throw new InvalidParameterException('Missing required parameter ANSWER');
  const choices = (record.data['choices'] ?? '').split(' ');
  // ⚠ unconfirmed: Cognito's wording for an answer that is not among MFAS_CAN_CHOOSE.
  if (!choices.includes(answer))
    throw new InvalidParameterException(`Invalid ANSWER: ${answer} is not an available MFA type`);
  services.authSessions.finish(session as string);
  return factorChallenge(services, user, client, answer as MfaFactor);
}

/** The last step of MFA_SETUP: the Session from a successful VerifySoftwareToken. */
async function mfaSetup(
  services: Services,
  client: LocalClient,
  responses: Record<string, string>,
  session: unknown,
): Promise<object> {
  const record = services.authSessions.expect(
    session,
    client.id,
    'MFA_SETUP',
    services.clock.now(),
  );
  const user = await sessionUser(services, client, record, responses);
  // ⚠ unconfirmed: the error for answering MFA_SETUP before a token was verified.
  if (record.data['verified'] !== 'SOFTWARE_TOKEN_MFA') throw invalidSession();
  services.authSessions.finish(session as string);
  return {
    AuthenticationResult: await startSession(services, user, client),
    ChallengeParameters: {},
  };
}
