/**
 * What every way of signing in shares: who may sign in, failure counting (lockout), the
 * NEW_PASSWORD_REQUIRED detour for administrator-created users, and starting or refreshing a
 * session. Also the access-token check used by GetUser, ChangePassword and the other user calls.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { numericDate } from '../clock.ts';
import { challengeLifetimeMs } from './challenges.ts';
import {
  type CognitoError,
  InvalidParameterException,
  NotAuthorizedException,
  PasswordResetRequiredException,
  UserNotConfirmedException,
  UserNotFoundException,
} from './errors.ts';
import { secondFactorChallenge } from './mfa.ts';
import { afterFailure, afterRefusedAttempt, isLockedOut, noLockout } from './lockout.ts';
import { assertSecretHash } from './client-checks.ts';
import { type LocalClient } from './pool-config.ts';
import { seal } from './sealed.ts';
import { decoyUserId, phantomSubject } from './decoys.ts';
import { type AuthStep, type Uses } from './services.ts';
import { commitThenRefuse } from './transactions.ts';
import { N, k, passwordMatches } from './srp.ts';
import { type UserRecord } from './store.ts';
import { type AccessTokenClaims, type AuthenticationResult, userAdminScope } from './tokens.ts';

/** The purpose bound into NEW_PASSWORD_REQUIRED `Session` strings. */
export const newPasswordSessionPurpose = 'new-password-session';

export interface NewPasswordSession {
  readonly username: string;
  readonly clientId: string;
  readonly expiresAt: number;
}

/** Throws if the account may not sign in at all, whatever the password (Cognito answers these first). */
export function assertMaySignIn(services: Uses<'clock' | 'pool'>, user: UserRecord): void {
  if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
  if (user.status === 'UNCONFIRMED') throw new UserNotConfirmedException();
  if (user.status === 'RESET_REQUIRED') throw new PasswordResetRequiredException();
  if (user.status === 'FORCE_CHANGE_PASSWORD' && user.temporaryPasswordSetAt !== undefined) {
    const validMs = services.pool.passwordPolicy.temporaryPasswordValidityDays * 86_400_000;
    if (services.clock.now() > user.temporaryPasswordSetAt + validMs) {
      throw new NotAuthorizedException(
        'Temporary password has expired and must be reset by an administrator.',
      );
    }
  }
}

/**
 * The user the first step of a sign-in names (USER_SRP_AUTH, USER_AUTH), checked as Cognito does
 * before any password: secret hash, lockout, account state. An unknown name is refused with
 * UserNotFoundException, unless the client prevents user-existence errors: then it is undefined,
 * after the same lockout check (of its phantom subject), and the caller simulates the rest.
 */
export function signingInUser(
  services: Uses<'clock' | 'keys' | 'pool' | 'store'>,
  client: LocalClient,
  typedName: string,
  secretHash: string | undefined,
): UserRecord | undefined {
  const user = services.store.findUser(typedName);
  if (user) {
    assertSecretHash(client, typedName, secretHash);
    refuseIfLockedOut(services, user.username);
    assertMaySignIn(services, user);
  } else if (!client.declaration.preventUserExistenceErrors) {
    throw new UserNotFoundException();
  } else {
    refuseIfLockedOut(services, phantomSubject(services, typedName));
  }
  return user;
}

/**
 * A plain password (USER_PASSWORD_AUTH, USER_AUTH's PASSWORD), judged against the SRP verifier and
 * counted toward lockout. An unknown name (`user` undefined) gets the same check, counting and
 * write against its decoy account, so it answers like a wrong password.
 */
export async function checkPassword(
  services: Uses<'authSessions' | 'clock' | 'keys' | 'mailbox' | 'pool' | 'store' | 'tokens'>,
  client: LocalClient,
  typedName: string,
  user: UserRecord | undefined,
  password: string,
): Promise<AuthStep> {
  if (!user) {
    const decoy = decoyAccount(services, typedName);
    judgePassword(services, phantomSubject(services, typedName), () =>
      passwordMatches(services.pool.srpName, decoy.userId, password, decoy),
    );
    throw NotAuthorizedException.incorrectCredentials();
  }
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

/**
 * Refuses any sign-in while `subject` is locked out ("Password attempts exceeded"). The refused
 * attempt does not lengthen the lockout but does restart the 15 quiet minutes that reset it.
 */
function refuseIfLockedOut(services: Uses<'clock' | 'store'>, subject: string): void {
  const now = services.clock.now();
  const { store } = services;
  // Read and write with no await between them: nothing else runs meanwhile.
  const state = store.getLockout(subject);
  if (!isLockedOut(state, now)) return;
  // Not synced to disk at once: a burst on a locked account must not queue fsyncs ahead of other
  // users' requests, and losing this timestamp in a power cut only shortens a quiet period.
  store.transaction(() => store.putLockout(subject, afterRefusedAttempt(state, now)), {
    durable: false,
  });
  throw NotAuthorizedException.passwordAttemptsExceeded();
}

/**
 * Judges one password proof for `subject` (a username, or a phantom subject for an unknown name)
 * in one transaction: refused while locked out; otherwise `before` runs (account checks, claiming
 * the challenge), the attempt is counted as a failure, and only then is `matches` judged; a right
 * password takes the failure back and clears the counter. Parallel attempts see each other's
 * counts, so a burst gets no more passwords judged than the lockout allows. Throws `wrong()`
 * ("Incorrect username or password." unless given) for a wrong one. Second factors use it too.
 */
export function judgePassword(
  services: Uses<'clock' | 'store'>,
  subject: string,
  matches: () => boolean,
  before: () => void = () => undefined,
  wrong: () => CognitoError = () => NotAuthorizedException.incorrectCredentials(),
): void {
  const now = services.clock.now();
  const { store } = services;
  refuseIfLockedOut(services, subject);
  commitThenRefuse(services, () => {
    const state = store.getLockout(subject);
    before();
    store.putLockout(subject, afterFailure(state, now));
    if (!matches()) throw wrong();
    store.putLockout(subject, noLockout());
  });
}

/**
 * A stand-in account for a name that matches no user (PreventUserExistenceErrors): user id, salt
 * and verifier derived from the typed name under the pool's decoy key, so they are stable across
 * attempts as Cognito's are, and checking a password against them costs what a real check costs.
 * No password matches the verifier (it is not derived from one).
 */
export function decoyAccount(
  services: Uses<'keys'>,
  typedName: string,
): { salt: string; userId: string; verifier: string } {
  const userId = decoyUserId(services, typedName);
  const salt = decoyDigest(services, 'salt', userId).subarray(0, 16).toString('hex');
  return { salt, userId, verifier: decoyVerifier(services, userId) };
}

/** The stand-in verifier of a decoy user id: any value below N gives a B of the usual shape. */
export function decoyVerifier(services: Uses<'keys'>, decoyId: string): string {
  const digest = decoyDigest(services, 'verifier', decoyId).toString('hex');
  return ((BigInt(`0x${digest}`) * k) % N).toString(16);
}

/** The lockout and quota subject of a decoy user id (the same as `phantomSubject` of its name). */
export const decoySubject = (decoyId: string): string => `phantom:${decoyId}`;

function decoyDigest(services: Uses<'keys'>, label: string, decoyId: string): Buffer {
  return createHmac('sha256', services.keys.decoyKey).update(`${label}:${decoyId}`).digest();
}

/**
 * After a correct password: the NEW_PASSWORD_REQUIRED challenge, a second-factor challenge, or
 * tokens (only once every factor the user owes is answered).
 */
export async function completeSignIn(
  services: Uses<'authSessions' | 'clock' | 'keys' | 'mailbox' | 'store' | 'tokens'>,
  user: UserRecord,
  client: LocalClient,
): Promise<AuthStep> {
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const now = services.clock.now();
    const session: NewPasswordSession = {
      username: user.username,
      clientId: client.id,
      expiresAt: now + challengeLifetimeMs,
    };
    const { sub: _sub, ...visible } = user.attributes;
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: seal(services.keys.challengeKey, newPasswordSessionPurpose, session),
      ChallengeParameters: {
        USER_ID_FOR_SRP: user.username,
        requiredAttributes: '[]',
        userAttributes: JSON.stringify(visible),
      },
    };
  }
  return completeAfterPassword(services, user, client);
}

/** The password step is done (or a new one was just set): a second factor, or tokens. */
export async function completeAfterPassword(
  services: Uses<'authSessions' | 'clock' | 'keys' | 'mailbox' | 'store' | 'tokens'>,
  user: UserRecord,
  client: LocalClient,
): Promise<AuthStep> {
  const challenge = await secondFactorChallenge(services, user, client);
  if (challenge) return challenge;
  return signedIn(services, user, client);
}

/** The last step of every sign-in: a new session, answered with its tokens. */
export async function signedIn(
  services: Uses<'clock' | 'store' | 'tokens'>,
  user: UserRecord,
  client: LocalClient,
): Promise<AuthStep> {
  return {
    AuthenticationResult: await startSession(services, user, client),
    ChallengeParameters: {},
  };
}

/**
 * The user a challenge session belongs to, after the checks every later answer shares: the
 * `USERNAME` sent names that user, the secret hash, lockout and account state.
 */
export function sessionUser(
  services: Uses<'clock' | 'pool' | 'store'>,
  client: LocalClient,
  username: string,
  responses: Record<string, string>,
): UserRecord {
  const named = responses['USERNAME'];
  if (!named) throw new InvalidParameterException('Missing required parameter USERNAME');
  const user = services.store.getUser(username);
  if (!user || services.store.findUser(named)?.username !== user.username)
    throw new NotAuthorizedException('Invalid session for the user.');
  assertSecretHash(client, named, responses['SECRET_HASH']);
  refuseIfLockedOut(services, user.username);
  assertMaySignIn(services, user);
  return user;
}

/** A new sign-in: fresh origin_jti, tokens, and a stored (hashed) refresh token. Resets lockout. */
async function startSession(
  services: Uses<'clock' | 'store' | 'tokens'>,
  user: UserRecord,
  client: LocalClient,
): Promise<AuthenticationResult> {
  const now = services.clock.now();
  const originJti = randomUUID();
  const authTime = numericDate(now);
  const result = await services.tokens.issueUserTokens(user, client, {
    originJti,
    eventId: randomUUID(),
    authTime,
  });
  const refresh = services.tokens.newRefreshToken();
  const { store } = services;
  store.transaction(() => {
    if (!store.getUser(user.username)) throw NotAuthorizedException.incorrectCredentials(); // deleted meanwhile
    store.putLockout(user.username, noLockout());
    store.putSession({
      originJti,
      username: user.username,
      clientId: client.id,
      refreshTokenHash: refresh.hash,
      authTime,
      expiresAt: now + client.declaration.tokenValidity.refreshToken * 1000,
      revoked: false,
    });
  });
  return { ...result, RefreshToken: refresh.token };
}

/**
 * New ID and access tokens for a refresh token (REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken,
 * the token endpoint). Without rotation Cognito returns no new refresh token.
 */
export async function refreshSession(
  services: Uses<'clock' | 'store' | 'tokens'>,
  refreshToken: string,
  client: LocalClient,
): Promise<AuthenticationResult> {
  const now = services.clock.now();
  const session = services.store.findSessionByRefreshHash(
    services.tokens.hashRefreshToken(refreshToken),
  );
  if (!session || session.clientId !== client.id)
    throw new NotAuthorizedException('Invalid Refresh Token');
  if (session.revoked) throw new NotAuthorizedException('Refresh Token has been revoked');
  if (session.expiresAt <= now) throw new NotAuthorizedException('Refresh Token has expired');
  const user = services.store.getUser(session.username);
  if (!user) throw new NotAuthorizedException('Refresh Token has been revoked');
  if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
  return services.tokens.issueUserTokens(user, client, {
    originJti: session.originJti,
    eventId: randomUUID(),
    authTime: session.authTime,
    source: 'TokenGeneration_RefreshTokens',
  });
}

/**
 * Checks an access token for the user-facing calls: signature, expiry, revocation (GlobalSignOut,
 * RevokeToken, DeleteUser) and the `aws.cognito.signin.user.admin` scope.
 */
export async function authenticateAccess(
  services: Uses<'store' | 'tokens'>,
  token: unknown,
): Promise<{ claims: AccessTokenClaims; user: UserRecord }> {
  const claims = await services.tokens.verifyAccessToken(token);
  if (!(claims.scope ?? '').split(' ').includes(userAdminScope)) {
    throw new NotAuthorizedException('Access Token does not have required scopes');
  }
  if (claims.origin_jti !== undefined) {
    const session = services.store.getSession(claims.origin_jti);
    if (!session || session.revoked)
      throw new NotAuthorizedException('Access Token has been revoked');
  }
  const user = claims.username === undefined ? undefined : services.store.getUser(claims.username);
  if (!user) throw new UserNotFoundException();
  if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
  return { claims, user };
}
