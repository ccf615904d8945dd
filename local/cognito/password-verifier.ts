/**
 * The PASSWORD_VERIFIER challenge of SRP, both halves: step 1 (InitiateAuth USER_SRP_AUTH, or
 * USER_AUTH's PASSWORD_SRP) seals the server's state into the SECRET_BLOCK; step 2
 * (RespondToAuthChallenge PASSWORD_VERIFIER) opens it and judges the client's proof that it
 * knows the password, without the password being sent.
 */
import { challengeLifetimeMs } from './challenges.ts';
import { InvalidParameterException, NotAuthorizedException } from './errors.ts';
import { assertSecretHash } from './client-checks.ts';
import { type LocalClient } from './pool-config.ts';
import { seal, unseal } from './sealed.ts';
import { type AuthStep, type Uses } from './services.ts';
import {
  assertMaySignIn,
  completeSignIn,
  decoyAccount,
  decoySubject,
  decoyVerifier,
  judgePassword,
} from './sign-in.ts';
import { expectedSignature, isValidTimestamp, signatureMatches, startChallenge } from './srp.ts';
import { type UserRecord } from './store.ts';

/** The purpose bound into SECRET_BLOCKs. */
const secretBlockPurpose = 'srp-secret-block';

/** What a SECRET_BLOCK carries back to RespondToAuthChallenge (sealed, so `b` stays secret). */
interface SecretBlockState {
  /**
   * The canonical username of a real user, or the stand-in id of an unknown one (see
   * `decoyAccount`): both UUIDs, so the sealed blocks of both have the same length.
   */
  readonly userIdForSrp: string;
  /** 1 for a real user, 0 for the simulated challenge of an unknown one. */
  readonly exists: 0 | 1;
  readonly clientId: string;
  readonly A: string;
  readonly B: string;
  readonly b: string;
  readonly expiresAt: number;
}

/**
 * Step 1: the PASSWORD_VERIFIER challenge. For an unknown user (PreventUserExistenceErrors) the
 * answer is simulated with a salt and user id derived from the typed name, stable across attempts
 * as Cognito's are, so the response does not reveal that the user is missing.
 */
export function srpChallenge(
  services: Uses<'clock' | 'keys'>,
  clientId: string,
  typedName: string,
  user: UserRecord | undefined,
  srpA: string,
): AuthStep {
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

/** Step 2: the client's PASSWORD_CLAIM_SIGNATURE for a SECRET_BLOCK, judged like a password. */
export async function answerPasswordVerifier(
  services: Uses<
    'authSessions' | 'challenges' | 'clock' | 'keys' | 'mailbox' | 'pool' | 'store' | 'tokens'
  >,
  client: LocalClient,
  responses: Record<string, string>,
): Promise<AuthStep> {
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
