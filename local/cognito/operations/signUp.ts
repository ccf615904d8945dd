/**
 * SignUp: a new UNCONFIRMED user (username = a UUID equal to `sub`), and a code by "email" —
 * unless the pre sign-up trigger answers `autoConfirmUser`: then the user is CONFIRMED at once,
 * no code is sent, and the post confirmation trigger runs (PostConfirmation_ConfirmSignUp).
 * `autoVerifyEmail` / `autoVerifyPhone` mark the attribute verified.
 */
import type { SignUpRequest, SignUpResponse } from '@aws-sdk/client-cognito-identity-provider';
import { randomUUID } from 'node:crypto';
import { checkWritableAttributes, emailDelivery, isEmail } from '../attributes.ts';
import { InvalidParameterException, UsernameExistsException } from '../errors.ts';
import { assertPasswordAllowed } from '../password-policy.ts';
import { attributeList, optionalString, requiredString } from '../request.ts';
import { assertSecretHash, resolveClient } from '../client-checks.ts';
import { type OperationFactory } from '../services.ts';
import { createVerifier } from '../srp.ts';
import { nameValueMap, plainMap } from '../trigger-inputs.ts';
import { sendSignUpCode } from '../messages.ts';
import { signUpSession } from '../user-auth.ts';
import { userPool } from '../../../api/pool.ts';

export const signUp: OperationFactory<
  'authSessions' | 'clock' | 'codes' | 'mailbox' | 'pool' | 'store' | 'triggers',
  SignUpRequest,
  SignUpResponse
> = (services) => async (request) => {
  const client = resolveClient(services.pool, requiredString(request, 'ClientId'));
  const email = requiredString(request, 'Username');
  assertSecretHash(client, email, optionalString(request, 'SecretHash'));
  const password = request['Password'];
  // Passwordless sign-up when the pool allows emailed sign-in codes.
  const passwordless =
    (password === undefined || password === null || password === '') &&
    userPool.signInPolicy.allowedFirstAuthFactors.includes('EMAIL_OTP');
  if (!passwordless) assertPasswordAllowed(password, services.pool.passwordPolicy);
  // The pool signs in with email (UsernameAttributes), so the username given must be one.
  if (!isEmail(email)) throw new InvalidParameterException('Username should be an email.');
  const given = attributeList(request, 'UserAttributes', false);
  checkWritableAttributes(given, false);
  const otherEmail = given.find(
    (a) => a.Name === 'email' && a.Value.toLowerCase() !== email.toLowerCase(),
  );
  if (otherEmail) throw new InvalidParameterException('Email attribute must match the username.');
  if (services.store.findUser(email)) throw new UsernameExistsException();

  const username = randomUUID();
  const verifier = passwordless
    ? undefined
    : createVerifier(services.pool.srpName, username, password as string);
  const now = services.clock.now();
  const decision = await services.triggers.preSignUp(
    'PreSignUp_SignUp',
    username,
    Object.fromEntries([...given.map((a) => [a.Name, a.Value] as const), ['email', email]]),
    client.id,
    {
      validationData: nameValueMap(request, 'ValidationData'),
      clientMetadata: plainMap(request['ClientMetadata']),
    },
  );
  const phone = given.find((a) => a.Name === 'phone_number')?.Value;
  // "If autoVerifyPhone is set to true, the phone_number attribute must have a valid, non-null
  // value" (the trigger's documentation); unconfirmed: the error AWS answers when it has none.
  if (decision.autoVerifyPhone && !phone)
    throw new InvalidParameterException(
      'Cannot auto-verify phone_number: the user has no phone_number attribute.',
    );
  const confirmed = decision.autoConfirmUser;
  const issued = confirmed ? undefined : services.codes.issue('signUp', username, now);
  const { store } = services;
  store.transaction(() => {
    if (store.findUser(email)) throw new UsernameExistsException();
    const attributes: Record<string, string> = { sub: username };
    for (const { Name, Value } of given) if (Name !== 'email') attributes[Name] = Value;
    // unconfirmed: autoVerifyEmail without autoConfirmUser verifies the address and still sends
    // the sign-up code (the user must confirm); Cognito documents each flag on its own.
    attributes['email_verified'] = decision.autoVerifyEmail ? 'true' : 'false';
    if (decision.autoVerifyPhone) attributes['phone_number_verified'] = 'true';
    attributes['email'] = email;
    store.putUser({
      username,
      attributes,
      status: confirmed ? 'CONFIRMED' : 'UNCONFIRMED',
      enabled: true,
      createdAt: now,
      updatedAt: now,
      password: verifier,
      extra: {},
    });
    if (issued) store.putCode(username, 'signUp', issued.stored);
  });
  const user = services.store.getUser(username)!;
  if (!issued) {
    // unconfirmed (other emulators report it so): an auto-confirmed user reaches post confirmation.
    await services.triggers.postConfirmation('PostConfirmation_ConfirmSignUp', user, client.id);
    // The session InitiateAuth USER_AUTH takes to sign the new user in at once, as after
    // ConfirmSignUp (Amplify's autoSignIn sends it). unconfirmed: AWS's SignUp documents a
    // Session for ConfirmSignUp; that it also serves InitiateAuth here is Amplify's reading.
    return {
      UserConfirmed: true,
      UserSub: username,
      Session: signUpSession(services, username, client.id),
    };
  }
  await sendSignUpCode(services, user, client.id, issued.code, 'CustomMessage_SignUp');
  return { CodeDeliveryDetails: emailDelivery(email), UserConfirmed: false, UserSub: username };
};
