/**
 * Choice-based sign-in (`USER_AUTH`): which first factors a user can use, the SELECT_CHALLENGE
 * answer, emailed sign-in codes (EMAIL_OTP, the same emailed-code session as email MFA, see
 * mfa.ts) and passkeys (WEB_AUTHN), and the sign-in that follows a passwordless sign-up. Every
 * step is a single-use, short-lived `Session` of the challenge-session engine (auth-sessions.ts).
 */
import type { InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes } from 'node:crypto';
import { userPool, type FirstAuthFactor } from '../../api/pool.ts';
import { simulatedDelivery } from './attributes.ts';
import { type AuthSessionRecord } from './auth-sessions.ts';
import {
  CodeMismatchException,
  InvalidParameterException,
  NotAuthorizedException,
} from './errors.ts';
import { factorChallenge } from './mfa.ts';
import { localRelyingParty } from './passkeys.ts';
import { type LocalClient } from './pool-config.ts';
import { srpChallenge } from './password-verifier.ts';
import { type AuthStep, type Uses, type Wire } from './services.ts';
import { checkPassword, completeSignIn, sessionUser, signedIn, signingInUser } from './sign-in.ts';
import { type UserRecord } from './store.ts';
import {
  AssertionRefused,
  assertionCredentialId,
  authenticationOptions,
  verifyAssertion,
} from './webauthn.ts';

/** The challenges a USER_AUTH sign-in can ask for (ChallengeNameType values). */
export type UserAuthChallenge = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'WEB_AUTHN';

/** The session ConfirmSignUp hands out for the sign-in right after (no challenge of Cognito's). */
const afterSignUp = 'USER_AUTH_AFTER_SIGN_UP';

/**
 * What `user` can sign in with first, in the pool's order: the password (plain and SRP) if they
 * have one, an emailed code if their email is verified, a passkey if they registered one.
 * unconfirmed: the order Cognito lists AvailableChallenges in.
 */
export function availableChallenges(
  services: Uses<'passkeys'>,
  user: UserRecord,
): UserAuthChallenge[] {
  const allowed = new Set<FirstAuthFactor>(userPool.signInPolicy.allowedFirstAuthFactors);
  const result: UserAuthChallenge[] = [];
  if (allowed.has('PASSWORD') && user.password) result.push('PASSWORD', 'PASSWORD_SRP');
  if (allowed.has('EMAIL_OTP') && user.attributes['email_verified'] === 'true')
    result.push('EMAIL_OTP');
  if (allowed.has('WEB_AUTHN') && services.passkeys.listFor(user.username).length > 0)
    result.push('WEB_AUTHN');
  return result;
}

/**
 * What an unknown name is offered when the client prevents user-existence errors: what a user
 * with a password and a verified email would see (unconfirmed: Cognito's decoy is undocumented).
 */
const decoyChallenges: readonly UserAuthChallenge[] = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'];

/** What a USER_AUTH session carries besides its user and client (engine data is strings). */
interface StepData {
  /** The name as typed: an unknown name's simulated sign-in has no canonical username. */
  readonly typedName: string;
  /** Space-separated AvailableChallenges. */
  readonly available: string;
  readonly decoy?: '1';
  /** WEB_AUTHN: the challenge handed to navigator.credentials.get (base64url). */
  readonly webAuthnChallenge?: string;
}

/** InitiateAuth `USER_AUTH`. */
export async function initiateUserAuth(
  services: Uses<
    'authSessions' | 'clock' | 'keys' | 'mailbox' | 'passkeys' | 'pool' | 'store' | 'tokens'
  >,
  client: LocalClient,
  parameters: Record<string, string>,
  session: string | undefined,
): Promise<Wire<InitiateAuthResponse>> {
  const typedName = parameters['USERNAME'];
  if (!typedName) throw new InvalidParameterException('Missing required parameter USERNAME');
  const user = signingInUser(services, client, typedName, parameters['SECRET_HASH']);

  if (session !== undefined) return signInAfterSignUp(services, client, user, session);

  const available = user ? availableChallenges(services, user) : decoyChallenges;
  const data: StepData = {
    typedName,
    available: available.join(' '),
    ...(user ? {} : { decoy: '1' as const }),
  };
  const preferred = parameters['PREFERRED_CHALLENGE'];
  if (preferred && (available as readonly string[]).includes(preferred)) {
    switch (preferred as UserAuthChallenge) {
      case 'PASSWORD':
        if (parameters['PASSWORD'] !== undefined)
          return checkPassword(services, client, typedName, user, parameters['PASSWORD']);
        return challenge(services, client, user, 'PASSWORD', data, {});
      case 'PASSWORD_SRP':
        if (parameters['SRP_A'])
          return srpChallenge(services, client.id, typedName, user, parameters['SRP_A']);
        return challenge(services, client, user, 'PASSWORD_SRP', data, {});
      case 'EMAIL_OTP':
        return startEmailOtp(services, client, user, data);
      case 'WEB_AUTHN':
        return startWebAuthn(services, client, user!, data);
    }
  }
  // No (usable) preference: the person chooses.
  return {
    ...challenge(services, client, user, 'SELECT_CHALLENGE', data, {}),
    AvailableChallenges: [...available],
  };
}

/** RespondToAuthChallenge for SELECT_CHALLENGE, WEB_AUTHN, PASSWORD and PASSWORD_SRP. */
export async function respondToUserAuth(
  services: Uses<
    'authSessions' | 'clock' | 'keys' | 'log' | 'mailbox' | 'passkeys' | 'pool' | 'store' | 'tokens'
  >,
  client: LocalClient,
  challengeName: 'SELECT_CHALLENGE' | 'WEB_AUTHN' | 'PASSWORD' | 'PASSWORD_SRP',
  responses: Record<string, string>,
  session: unknown,
): Promise<AuthStep> {
  const now = services.clock.now();
  // A selection may also answer a challenge PREFERRED_CHALLENGE chose without its answer.
  const accepted =
    challengeName === 'SELECT_CHALLENGE'
      ? ['SELECT_CHALLENGE', 'PASSWORD', 'PASSWORD_SRP']
      : [challengeName];
  const record = services.authSessions.expect(session, client.id, accepted, now);
  const data = record.data as unknown as StepData;
  const user = stepUser(services, client, record, responses);

  if (challengeName === 'WEB_AUTHN')
    return answerWebAuthn(services, client, session as string, data, user!, responses);

  const answer = challengeName === 'SELECT_CHALLENGE' ? responses['ANSWER'] : challengeName;
  if (!answer || !data.available.split(' ').includes(answer))
    throw new InvalidParameterException(`Invalid ANSWER: ${String(responses['ANSWER'])}`);
  if (record.challenge !== 'SELECT_CHALLENGE' && answer !== record.challenge)
    throw new InvalidParameterException(`Invalid challenge response for ${record.challenge}`);
  services.authSessions.finish(session as string);
  switch (answer as UserAuthChallenge) {
    case 'PASSWORD': {
      const password = responses['PASSWORD'];
      if (!password) throw new InvalidParameterException('Missing required parameter PASSWORD');
      return checkPassword(services, client, data.typedName, user, password);
    }
    case 'PASSWORD_SRP': {
      const srpA = responses['SRP_A'];
      if (!srpA) throw new InvalidParameterException('Missing required parameter SRP_A');
      return srpChallenge(services, client.id, data.typedName, user, srpA);
    }
    case 'EMAIL_OTP':
      return startEmailOtp(services, client, user, data);
    case 'WEB_AUTHN':
      return startWebAuthn(services, client, user!, data);
  }
}

/**
 * EMAIL_OTP answered on the simulated sign-in of an unknown name: no code matches, and it is
 * refused like a wrong code. Undefined for every other session (the emailed-code engine's).
 */
export async function answerDecoyEmailOtp(
  services: Uses<'authSessions' | 'clock'>,
  client: LocalClient,
  responses: Record<string, string>,
  session: unknown,
): Promise<undefined> {
  let record: AuthSessionRecord;
  try {
    record = services.authSessions.expect(session, client.id, 'EMAIL_OTP', services.clock.now());
  } catch {
    return undefined; // the engine's own answer follows
  }
  if (record.data['decoy'] !== '1') return undefined;
  if (!responses['EMAIL_OTP_CODE'])
    throw new InvalidParameterException('Missing required parameter EMAIL_OTP_CODE');
  throw new CodeMismatchException();
}

/** The ConfirmSignUp `Session`: lets USER_AUTH sign the new user in once, without another code. */
export function signUpSession(
  services: Uses<'authSessions' | 'clock'>,
  username: string,
  clientId: string,
): string {
  return services.authSessions.start(
    { username, clientId, challenge: afterSignUp },
    services.clock.now(),
  );
}

async function signInAfterSignUp(
  services: Uses<'authSessions' | 'clock' | 'store' | 'tokens'>,
  client: LocalClient,
  user: UserRecord | undefined,
  session: string,
): Promise<AuthStep> {
  const record = services.authSessions.expect(
    session,
    client.id,
    afterSignUp,
    services.clock.now(),
  );
  if (!user || record.username !== user.username)
    throw new NotAuthorizedException('Invalid session for the user.');
  services.authSessions.finish(session);
  return signedIn(services, user, client);
}

/** The session's user (undefined for an unknown name's simulated sign-in), checked as at step 1. */
function stepUser(
  services: Uses<'clock' | 'pool' | 'store'>,
  client: LocalClient,
  record: AuthSessionRecord,
  responses: Record<string, string>,
): UserRecord | undefined {
  const data = record.data as unknown as StepData;
  if (data.decoy !== '1') return sessionUser(services, client, record.username, responses);
  const named = responses['USERNAME'];
  if (!named) throw new InvalidParameterException('Missing required parameter USERNAME');
  if (named.toLowerCase() !== data.typedName.toLowerCase())
    throw new NotAuthorizedException('Invalid session for the user.');
  return undefined;
}

function challenge(
  services: Uses<'authSessions' | 'clock'>,
  client: LocalClient,
  user: UserRecord | undefined,
  name: 'SELECT_CHALLENGE' | UserAuthChallenge,
  data: StepData,
  parameters: Record<string, string>,
): AuthStep {
  return {
    ChallengeName: name,
    Session: services.authSessions.start(
      {
        username: user?.username ?? '',
        clientId: client.id,
        challenge: name,
        data: { ...data },
      },
      services.clock.now(),
    ),
    ChallengeParameters: parameters,
  };
}

/** The code is mailed and checked by the emailed-code session of mfa.ts (8 digits, 3 minutes). */
function startEmailOtp(
  services: Uses<'authSessions' | 'clock' | 'keys' | 'mailbox' | 'store'>,
  client: LocalClient,
  user: UserRecord | undefined,
  data: StepData,
): AuthStep {
  if (user) return factorChallenge(services, user, client, 'EMAIL_OTP');
  const delivery = simulatedDelivery(data.typedName);
  return challenge(services, client, undefined, 'EMAIL_OTP', data, {
    CODE_DELIVERY_DELIVERY_MEDIUM: delivery.DeliveryMedium,
    CODE_DELIVERY_DESTINATION: delivery.Destination,
  });
}

async function startWebAuthn(
  services: Uses<'authSessions' | 'clock' | 'passkeys'>,
  client: LocalClient,
  user: UserRecord,
  data: StepData,
): Promise<AuthStep> {
  const options = await authenticationOptions(
    localRelyingParty,
    services.passkeys.listFor(user.username),
    new Uint8Array(randomBytes(32)),
  );
  return challenge(
    services,
    client,
    user,
    'WEB_AUTHN',
    { ...data, webAuthnChallenge: options.challenge },
    { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) },
  );
}

async function answerWebAuthn(
  services: Uses<
    'authSessions' | 'clock' | 'keys' | 'log' | 'mailbox' | 'passkeys' | 'store' | 'tokens'
  >,
  client: LocalClient,
  session: string,
  data: StepData,
  user: UserRecord,
  responses: Record<string, string>,
): Promise<AuthStep> {
  const credential = responses['CREDENTIAL'];
  if (!credential) throw new InvalidParameterException('Missing required parameter CREDENTIAL');
  const passkey = services.passkeys.get(assertionCredentialId(credential));
  // unconfirmed: Cognito's message for a refused passkey; the type is NotAuthorizedException.
  const refused = (): NotAuthorizedException =>
    new NotAuthorizedException('Incorrect username or password.');
  if (!passkey || passkey.username !== user.username) throw refused();
  let signCount: number;
  try {
    signCount = await verifyAssertion(
      localRelyingParty,
      credential,
      passkey,
      data.webAuthnChallenge ?? '',
    );
  } catch (error) {
    if (error instanceof AssertionRefused) {
      services.log(`[cognito] passkey sign-in refused: ${error.message}`);
      throw refused();
    }
    throw error;
  }
  services.authSessions.finish(session);
  if (!services.passkeys.advanceSignCount(passkey.credentialId, passkey.signCount, signCount))
    throw refused();
  return completeSignIn(services, user, client);
}
