/**
 * RespondToAuthChallenge: PASSWORD_VERIFIER (step 2 of SRP: the client proves it knows the password
 * without sending it) and NEW_PASSWORD_REQUIRED (first sign-in of an administrator-created user).
 */
import { InvalidParameterException, NotAuthorizedException } from '../errors.ts';
import { assertPasswordAllowed } from '../password-policy.ts';
import { optionalString, requiredString, stringMap } from '../request.ts';
import { unseal } from '../sealed.ts';
import {
  assertSecretHash,
  resolveClient,
  type OperationFactory,
  type Services,
} from '../services.ts';
import {
  assertMaySignIn,
  completeSignIn,
  failSignIn,
  refuseIfLockedOut,
  newPasswordSessionPurpose,
  startSession,
  type NewPasswordSession,
} from '../sign-in.ts';
import { createVerifier, expectedSignature, isValidTimestamp, signatureMatches } from '../srp.ts';
import { type LocalClient } from '../pool-config.ts';
import { secretBlockPurpose, type SecretBlockState } from './initiateAuth.ts';

export const respondToAuthChallenge: OperationFactory = (services) => async (request) => {
  const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
  const challengeName = requiredString(request, 'ChallengeName');
  const responses = stringMap(request, 'ChallengeResponses', true);
  switch (challengeName) {
    case 'PASSWORD_VERIFIER':
      return passwordVerifier(services, client, responses);
    case 'NEW_PASSWORD_REQUIRED':
      return newPasswordRequired(services, client, responses, optionalString(request, 'Session'));
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
  // The simulated challenge of an unknown user fails exactly like a wrong password.
  if (state.username === undefined) throw NotAuthorizedException.incorrectCredentials();
  const user = services.store.getUser(state.username);
  if (!user?.password) throw NotAuthorizedException.incorrectCredentials();
  assertSecretHash(client, state.userIdForSrp, responses['SECRET_HASH']);
  await refuseIfLockedOut(services, user);
  assertMaySignIn(services, user);
  if (!services.challenges.claim(block!, state.expiresAt, now))
    throw new NotAuthorizedException('Invalid session for the user.');

  const timestamp = responses['TIMESTAMP'] ?? '';
  const expected = isValidTimestamp(timestamp)
    ? expectedSignature({
        srpName: services.pool.srpName,
        username: state.userIdForSrp,
        challenge: {
          A: BigInt(`0x${state.A}`),
          B: BigInt(`0x${state.B}`),
          b: BigInt(`0x${state.b}`),
        },
        verifierHex: user.password.verifier,
        secretBlock: Buffer.from(block!, 'base64'),
        timestamp,
      })
    : undefined;
  if (!signatureMatches(expected, responses['PASSWORD_CLAIM_SIGNATURE'] ?? ''))
    return failSignIn(services, user.username);
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
  await services.store.update((draft) => {
    const target = draft.users[user.username];
    if (!target || target.status !== 'FORCE_CHANGE_PASSWORD')
      throw new NotAuthorizedException('Invalid session for the user.');
    target.password = verifier;
    target.status = 'CONFIRMED';
    delete target.temporaryPasswordSetAt;
    target.updatedAt = now;
  }, now);
  const confirmed = services.store.getUser(user.username)!;
  return {
    AuthenticationResult: await startSession(services, confirmed, client),
    ChallengeParameters: {},
  };
}
