/**
 * Choice-based sign-in (`USER_AUTH`): which first factors a user can use, the SELECT_CHALLENGE
 * answer, emailed sign-in codes (EMAIL_OTP, the same emailed-code session as email MFA, see
 * mfa.ts) and passkeys (WEB_AUTHN), and the sign-in that follows a passwordless sign-up. Every
 * step is a single-use, short-lived `Session` of the challenge-session engine (auth-sessions.ts).
 */
import { randomBytes } from 'node:crypto';
import { userPool, type FirstAuthFactor } from '../../api/pool.ts';
import { simulatedDelivery } from './attributes.ts';
import { type AuthSessionRecord } from './auth-sessions.ts';
import {
  CodeMismatchException,
  InvalidParameterException,
  NotAuthorizedException,
  UserNotFoundException,
} from './errors.ts';
import { factorChallenge } from './mfa.ts';
import { localRelyingParty } from './passkeys.ts';
import { type LocalClient } from './pool-config.ts';
import { assertSecretHash } from './client-checks.ts';
import { phantomSubject } from './decoys.ts';
import { type Services } from './services.ts';
import {
  assertMaySignIn,
  completeSignIn,
  decoyAccount,
  judgePassword,
  refuseIfLockedOut,
  startSession,
} from './sign-in.ts';
import { passwordMatches } from './srp.ts';
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
export function availableChallenges(services: Services, user: UserRecord): UserAuthChallenge[] {
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

/** Step 1 of SRP for this name (initiateAuth.ts), answered with PASSWORD_VERIFIER. */
export type SrpStarter = (typedName: string, user: UserRecord | undefined, srpA: string) => object;

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
  services: Services,
  client: LocalClient,
  parameters: Record<string, string>,
  session: string | undefined,
  startSrp: SrpStarter,
): Promise<object> {
  const typedName = parameters['USERNAME'];
  if (!typedName) throw new InvalidParameterException('Missing required parameter USERNAME');
  const user = services.store.findUser(typedName);
  if (user) {
    assertSecretHash(client, typedName, parameters['SECRET_HASH']);
    refuseIfLockedOut(services, user.username);
    assertMaySignIn(services, user);
  } else if (!client.declaration.preventUserExistenceErrors) {
    throw new UserNotFoundException();
  } else {
    refuseIfLockedOut(services, phantomSubject(services, typedName));
  }

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
        if (parameters['SRP_A']) return startSrp(typedName, user, parameters['SRP_A']);
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
  services: Services,
  client: LocalClient,
  challengeName: 'SELECT_CHALLENGE' | 'WEB_AUTHN' | 'PASSWORD' | 'PASSWORD_SRP',
  responses: Record<string, string>,
  session: unknown,
  startSrp: SrpStarter,
): Promise<object> {
  const now = services.clock.now();
  // A selection may also answer a challenge PREFERRED_CHALLENGE chose without its answer.
  const accepted =
    challengeName === 'SELECT_CHALLENGE'
      ? ['SELECT_CHALLENGE', 'PASSWORD', 'PASSWORD_SRP']
      : [challengeName];
  const record = services.authSessions.expect(session, client.id, accepted, now);
  const data = record.data as unknown as StepData;
  const user = await sessionUser(services, client, record, responses);

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
      return startSrp(data.typedName, user, srpA);
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
  services: Services,
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
export function signUpSession(services: Services, username: string, clientId: string): string {
  return services.authSessions.start(
    { username, clientId, challenge: afterSignUp },
    services.clock.now(),
  );
}

async function signInAfterSignUp(
  services: Services,
  client: LocalClient,
  user: UserRecord | undefined,
  session: string,
): Promise<object> {
  const record = services.authSessions.expect(
    session,
    client.id,
    afterSignUp,
    services.clock.now(),
  );
  if (!user || record.username !== user.username)
    throw new NotAuthorizedException('Invalid session for the user.');
  services.authSessions.finish(session);
  return {
    AuthenticationResult: await startSession(services, user, client),
    ChallengeParameters: {},
  };
}

/** The session's user (undefined for an unknown name's simulated sign-in), checked as at step 1. */
async function sessionUser(
  services: Services,
  client: LocalClient,
  record: AuthSessionRecord,
  responses: Record<string, string>,
): Promise<UserRecord | undefined> {
  const named = responses['USERNAME'];
  if (!named) throw new InvalidParameterException('Missing required parameter USERNAME');
  const data = record.data as unknown as StepData;
  if (data.decoy === '1') {
    if (named.toLowerCase() !== data.typedName.toLowerCase())
      throw new NotAuthorizedException('Invalid session for the user.');
    return undefined;
  }
  const user = services.store.getUser(record.username);
  if (!user || services.store.findUser(named)?.username !== user.username)
    throw new NotAuthorizedException('Invalid session for the user.');
  assertSecretHash(client, named, responses['SECRET_HASH']);
  refuseIfLockedOut(services, user.username);
  assertMaySignIn(services, user);
  return user;
}

function challenge(
  services: Services,
  client: LocalClient,
  user: UserRecord | undefined,
  name: 'SELECT_CHALLENGE' | UserAuthChallenge,
  data: StepData,
  parameters: Record<string, string>,
): { ChallengeName: string; Session: string; ChallengeParameters: Record<string, string> } {
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

/** A password answer: judged (and counted toward lockout) exactly as USER_PASSWORD_AUTH does. */
async function checkPassword(
  services: Services,
  client: LocalClient,
  typedName: string,
  user: UserRecord | undefined,
  password: string,
): Promise<object> {
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

/** The code is mailed and checked by the emailed-code session of mfa.ts (8 digits, 3 minutes). */
function startEmailOtp(
  services: Services,
  client: LocalClient,
  user: UserRecord | undefined,
  data: StepData,
): object {
  if (user) return factorChallenge(services, user, client, 'EMAIL_OTP');
  const delivery = simulatedDelivery(data.typedName);
  return challenge(services, client, undefined, 'EMAIL_OTP', data, {
    CODE_DELIVERY_DELIVERY_MEDIUM: delivery.DeliveryMedium,
    CODE_DELIVERY_DESTINATION: delivery.Destination,
  });
}

async function startWebAuthn(
  services: Services,
  client: LocalClient,
  user: UserRecord,
  data: StepData,
): Promise<object> {
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
  services: Services,
  client: LocalClient,
  session: string,
  data: StepData,
  user: UserRecord,
  responses: Record<string, string>,
): Promise<object> {
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
