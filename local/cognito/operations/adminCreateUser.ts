/**
 * AdminCreateUser: an administrator creates a user with a temporary password (generated when not
 * given) in FORCE_CHANGE_PASSWORD; the first sign-in answers NEW_PASSWORD_REQUIRED.
 * The invitation goes to the mailbox; the console line does not print the password.
 */
import type {
  AdminCreateUserRequest,
  AdminCreateUserResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomInt, randomUUID } from 'node:crypto';
import { checkWritableAttributes, isEmail, toUserType } from '../attributes.ts';
import {
  InvalidParameterException,
  UnsupportedUserStateException,
  UsernameExistsException,
  UserNotFoundException,
} from '../errors.ts';
import { noLockout } from '../lockout.ts';
import { assertPasswordAllowed } from '../password-policy.ts';
import { attributeList, optionalString, requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';
import { createVerifier } from '../srp.ts';
import { type UserRecord } from '../store.ts';
import { sendCodeMessage } from '../messages.ts';
import { nameValueMap, plainMap } from '../trigger-inputs.ts';

export const adminCreateUser: OperationFactory<
  'clock' | 'mailbox' | 'pool' | 'store' | 'triggers',
  AdminCreateUserRequest,
  AdminCreateUserResponse
> = (services) => async (request) => {
  assertPoolId(services.pool, requiredString(request, 'UserPoolId'));
  const email = requiredString(request, 'Username');
  if (!isEmail(email)) throw new InvalidParameterException('Username should be an email.');
  const given = attributeList(request, 'UserAttributes', false);
  checkWritableAttributes(given, true);
  const messageAction = optionalString(request, 'MessageAction');
  const existing = services.store.findUser(email);
  if (messageAction === 'RESEND') {
    if (!existing) throw new UserNotFoundException();
    if (existing.status !== 'FORCE_CHANGE_PASSWORD')
      throw new UnsupportedUserStateException(
        `User status is ${existing.status}; only FORCE_CHANGE_PASSWORD users can be re-invited.`,
      );
  } else if (existing) {
    throw new UsernameExistsException('User account already exists');
  }
  const temporary = optionalString(request, 'TemporaryPassword') ?? generatePassword();
  assertPasswordAllowed(temporary, services.pool.passwordPolicy, 'temporaryPassword');

  const username = existing?.username ?? randomUUID();
  // The trigger may refuse; its auto-confirm and auto-verify answers are ignored here, as on
  // AWS for administrator-created users (unconfirmed: reported by other emulators' authors).
  if (!existing)
    await services.triggers.preSignUp(
      'PreSignUp_AdminCreateUser',
      username,
      Object.fromEntries([...given.map((a) => [a.Name, a.Value] as const), ['email', email]]),
      undefined,
      {
        validationData: nameValueMap(request, 'ValidationData'),
        clientMetadata: plainMap(request['ClientMetadata']),
      },
    );
  const verifier = createVerifier(services.pool.srpName, username, temporary);
  const now = services.clock.now();
  const { store } = services;
  const created = store.transaction(() => {
    const current = store.findUser(email);
    if (current && messageAction !== 'RESEND')
      throw new UsernameExistsException('User account already exists');
    if (!current && messageAction === 'RESEND') throw new UserNotFoundException();
    const attributes: Record<string, string> = current?.attributes ?? { sub: username };
    for (const { Name, Value } of given) if (Name !== 'email') attributes[Name] = Value;
    attributes['email'] = email;
    const user: UserRecord = {
      username,
      attributes,
      status: 'FORCE_CHANGE_PASSWORD',
      enabled: true,
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
      password: verifier,
      temporaryPasswordSetAt: now,
      extra: current?.extra ?? {},
    };
    store.putUser(user);
    for (const purpose of ['signUp', 'forgotPassword', 'verifyEmail'])
      store.deleteCode(username, purpose);
    store.putLockout(username, noLockout());
    return user;
  });
  if (messageAction !== 'SUPPRESS') {
    await sendCodeMessage(
      services,
      {
        source: 'CustomMessage_AdminCreateUser',
        user: services.store.getUser(username)!,
        clientId: undefined,
        to: email,
        subject: 'Your temporary password',
        body: `Your username is ${email} and temporary password is ${temporary}`,
        code: temporary,
      },
      { logCode: false },
    );
  }
  return { User: toUserType(created) };
};

/** A temporary password that satisfies every rule of the policy. */
function generatePassword(): string {
  const pick = (chars: string): string => chars[randomInt(chars.length)]!;
  const parts = [
    pick('ABCDEFGHJKLMNPQRSTUVWXYZ'),
    pick('abcdefghijkmnopqrstuvwxyz'),
    pick('23456789'),
    pick('^$*.!@#%&-_=+'),
  ];
  for (let i = 0; i < 8; i++)
    parts.push(pick('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'));
  return parts.join('');
}
