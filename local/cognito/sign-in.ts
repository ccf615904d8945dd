/**
 * What every way of signing in shares: who may sign in, failure counting (lockout), the
 * NEW_PASSWORD_REQUIRED detour for administrator-created users, and starting or refreshing a
 * session. Also the access-token check used by GetUser, ChangePassword and the other user calls.
 */
import { randomUUID } from 'node:crypto';
import { numericDate } from '../clock.ts';
import { challengeLifetimeMs } from './challenges.ts';
import {
  NotAuthorizedException,
  PasswordResetRequiredException,
  UserNotConfirmedException,
  UserNotFoundException,
} from './errors.ts';
import { secondFactorChallenge } from './mfa.ts';
import { afterFailure, afterRefusedAttempt, isLockedOut, noLockout } from './lockout.ts';
import { type LocalClient } from './pool-config.ts';
import { seal } from './sealed.ts';
import { type Services } from './services.ts';
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
export function assertMaySignIn(services: Services, user: UserRecord): void {
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
 * Refuses any sign-in while the user is locked out ("Password attempts exceeded"). The refused
 * attempt does not lengthen the lockout but does restart the 15 quiet minutes that reset it.
 */
export async function refuseIfLockedOut(services: Services, user: UserRecord): Promise<void> {
  const now = services.clock.now();
  if (!isLockedOut(user.lockout, now)) return;
  await services.store.update((draft) => {
    const target = draft.users[user.username];
    if (target) target.lockout = afterRefusedAttempt(target.lockout, now);
  }, now);
  throw NotAuthorizedException.passwordAttemptsExceeded();
}

/** Counts a wrong password towards lockout, then answers "Incorrect username or password.". */
export async function failSignIn(services: Services, username: string): Promise<never> {
  const now = services.clock.now();
  await services.store.update((draft) => {
    const user = draft.users[username];
    if (user) user.lockout = afterFailure(user.lockout, now);
  }, now);
  throw NotAuthorizedException.incorrectCredentials();
}

/**
 * After a correct password: the NEW_PASSWORD_REQUIRED challenge, a second-factor challenge, or
 * tokens (only once every factor the user owes is answered).
 */
export async function completeSignIn(
  services: Services,
  user: UserRecord,
  client: LocalClient,
): Promise<object> {
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const now = services.clock.now();
    await services.store.update((draft) => {
      const stored = draft.users[user.username];
      if (stored) stored.lockout = noLockout();
    }, now);
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
  services: Services,
  user: UserRecord,
  client: LocalClient,
): Promise<object> {
  const challenge = await secondFactorChallenge(services, user, client);
  if (challenge) return challenge;
  return {
    AuthenticationResult: await startSession(services, user, client),
    ChallengeParameters: {},
  };
}

/** A new sign-in: fresh origin_jti, tokens, and a stored (hashed) refresh token. Resets lockout. */
export async function startSession(
  services: Services,
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
  await services.store.update((draft) => {
    const stored = draft.users[user.username];
    if (!stored) throw NotAuthorizedException.incorrectCredentials(); // deleted meanwhile
    stored.lockout = noLockout();
    draft.sessions[originJti] = {
      originJti,
      username: user.username,
      clientId: client.id,
      refreshTokenHash: refresh.hash,
      authTime,
      expiresAt: now + client.declaration.tokenValidity.refreshToken * 1000,
      revoked: false,
    };
  }, now);
  return { ...result, RefreshToken: refresh.token };
}

/**
 * New ID and access tokens for a refresh token (REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken,
 * the token endpoint). Without rotation Cognito returns no new refresh token.
 */
export async function refreshSession(
  services: Services,
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
  });
}

/**
 * Checks an access token for the user-facing calls: signature, expiry, revocation (GlobalSignOut,
 * RevokeToken, DeleteUser) and the `aws.cognito.signin.user.admin` scope.
 */
export async function authenticateAccess(
  services: Services,
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

/** Marks sessions revoked so their refresh token and every access token from them stop working. */
export async function revokeSessions(
  services: Services,
  match: (session: { username: string; originJti: string }) => boolean,
): Promise<void> {
  const now = services.clock.now();
  await services.store.update((draft) => {
    for (const session of Object.values(draft.sessions)) if (match(session)) session.revoked = true;
  }, now);
}
