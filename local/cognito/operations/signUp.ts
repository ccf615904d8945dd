/** SignUp: a new UNCONFIRMED user (username = a UUID equal to `sub`), and a code by "email". */
import type { SignUpResponse } from '@aws-sdk/client-cognito-identity-provider';
import { randomUUID } from 'node:crypto';
import { checkWritableAttributes, emailDelivery, isEmail } from '../attributes.ts';
import { InvalidParameterException, UsernameExistsException } from '../errors.ts';
import { assertPasswordAllowed } from '../password-policy.ts';
import { attributeList, optionalString, requiredString } from '../request.ts';
import { assertSecretHash, resolveClient } from '../client-checks.ts';
import { type OperationFactory, type Wire } from '../services.ts';
import { createVerifier } from '../srp.ts';
import { nameValueMap, plainMap } from '../trigger-inputs.ts';
import { sendSignUpCode } from '../messages.ts';
import { userPool } from '../../../api/pool.ts';

export const signUp: OperationFactory<Wire<SignUpResponse>> = (services) => async (request) => {
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
  await services.triggers.preSignUp(
    'PreSignUp_SignUp',
    username,
    Object.fromEntries([...given.map((a) => [a.Name, a.Value] as const), ['email', email]]),
    client.id,
    {
      validationData: nameValueMap(request, 'ValidationData'),
      clientMetadata: plainMap(request['ClientMetadata']),
    },
  );
  const { code, stored } = services.codes.issue('signUp', username, now);
  const { store } = services;
  store.transaction(() => {
    if (store.findUser(email)) throw new UsernameExistsException();
    const attributes: Record<string, string> = { sub: username };
    for (const { Name, Value } of given) if (Name !== 'email') attributes[Name] = Value;
    attributes['email_verified'] = 'false';
    attributes['email'] = email;
    store.putUser({
      username,
      attributes,
      status: 'UNCONFIRMED',
      enabled: true,
      createdAt: now,
      updatedAt: now,
      password: verifier,
      extra: {},
    });
    store.putCode(username, 'signUp', stored);
  });
  await sendSignUpCode(
    services,
    services.store.getUser(username)!,
    client.id,
    code,
    'CustomMessage_SignUp',
  );
  return { CodeDeliveryDetails: emailDelivery(email), UserConfirmed: false, UserSub: username };
};
