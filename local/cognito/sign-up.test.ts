/** Sign-up, confirmation codes, the password policy and SECRET_HASH (SDK over HTTP). */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
  ConfirmSignUpCommand,
  DescribeUserPoolClientCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ManualClock } from '../testing/clock.ts';
import {
  machineClientId,
  passwordSignIn,
  spaClientId,
  strongPassword,
  suitePool,
  uniqueEmail,
} from './testing/pool.ts';

const hour = 3600_000;

describe('sign-up and confirmation', () => {
  const clock = new ManualClock();
  const pool = suitePool({ clock });

  const signUp = (Username: string, Password = strongPassword) =>
    pool.sdk.send(
      new SignUpCommand({
        ClientId: spaClientId,
        Username,
        Password,
        UserAttributes: [{ Name: 'email', Value: Username }],
      }),
    );
  const confirm = (Username: string, ConfirmationCode: string) =>
    pool.sdk.send(new ConfirmSignUpCommand({ ClientId: spaClientId, Username, ConfirmationCode }));

  it('creates an unconfirmed user with a UUID sub and mails a 6-digit code', async () => {
    const email = uniqueEmail('new');
    const result = await signUp(email);
    assert.equal(result.UserConfirmed, false);
    assert.match(result.UserSub ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(result.CodeDeliveryDetails, {
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'n***@e***',
    });
    assert.match(await pool.lastCode(email), /^\d{6}$/);
  });

  it('refuses a second sign-up with the same email, in any letter case', async () => {
    const email = uniqueEmail('dup');
    await signUp(email);
    await assert.rejects(signUp(email.toUpperCase()), {
      name: 'UsernameExistsException',
      message: 'An account with the given email already exists.',
    });
  });

  it('refuses a username that is not an email', async () => {
    await assert.rejects(signUp('just-a-name'), {
      name: 'InvalidParameterException',
      message: 'Username should be an email.',
    });
  });

  for (const [password, message] of [
    ['Sh0rt!x', 'Password did not conform with policy: Password not long enough'],
    [
      'N0-LOWERCASE!',
      'Password did not conform with policy: Password must have lowercase characters',
    ],
    [
      'n0-uppercase!',
      'Password did not conform with policy: Password must have uppercase characters',
    ],
    [
      'No-Numbers-Here!',
      'Password did not conform with policy: Password must have numeric characters',
    ],
    [
      'N0Symbols1nHere',
      'Password did not conform with policy: Password must have symbol characters',
    ],
  ] as const) {
    it(`refuses "${password}": ${message.split(': ')[1]}`, async () => {
      await assert.rejects(signUp(uniqueEmail('weak'), password), {
        name: 'InvalidPasswordException',
        message,
      });
    });
  }

  // Without a password is a passwordless sign-up here (the pool allows EMAIL_OTP): passwordless.test.ts.
  it('refuses a password under 6 characters at the schema level', async () => {
    await assert.rejects(signUp(uniqueEmail('tiny'), 'Ab1!'), {
      name: 'InvalidParameterException',
      message: /greater than or equal to 6/,
    });
  });

  it('confirms with the right code, verifies the email, and then the code cannot be reused', async () => {
    const email = uniqueEmail('confirm');
    await signUp(email);
    const code = await pool.lastCode(email);
    await confirm(email, code);
    assert.ok((await passwordSignIn(pool, email)).IdToken);
    await assert.rejects(confirm(email, code), {
      name: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED',
    });
  });

  it('rejects a wrong code', async () => {
    const email = uniqueEmail('wrong-code');
    await signUp(email);
    const code = await pool.lastCode(email);
    const wrong = code === '000000' ? '000001' : '000000';
    await assert.rejects(confirm(email, wrong), {
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
  });

  it('rejects a code after 24 hours', async () => {
    const email = uniqueEmail('expired');
    await signUp(email);
    const code = await pool.lastCode(email);
    clock.advance(24 * hour + 1000);
    await assert.rejects(confirm(email, code), {
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    });
  });

  it('resends a new code that replaces the old one', async () => {
    const email = uniqueEmail('resend');
    await signUp(email);
    const old = await pool.lastCode(email);
    const resent = await pool.sdk.send(
      new ResendConfirmationCodeCommand({ ClientId: spaClientId, Username: email }),
    );
    assert.equal(resent.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
    const fresh = await pool.lastCode(email);
    if (fresh !== old) await assert.rejects(confirm(email, old), { name: 'CodeMismatchException' });
    await confirm(email, fresh);
  });

  it('limits resends to 5 an hour', async () => {
    const email = uniqueEmail('resend-limit');
    await signUp(email);
    const resend = () =>
      pool.sdk.send(new ResendConfirmationCodeCommand({ ClientId: spaClientId, Username: email }));
    for (let i = 0; i < 5; i++) await resend();
    await assert.rejects(resend(), {
      name: 'LimitExceededException',
      message: 'Attempt limit exceeded, please try after some time.',
    });
    clock.advance(hour);
    await resend();
  });

  it('limits wrong confirmation attempts, then refuses even the right code for a while', async () => {
    const email = uniqueEmail('attempts');
    await signUp(email);
    const code = await pool.lastCode(email);
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 15; i++)
      await assert.rejects(confirm(email, wrong), { name: 'CodeMismatchException' });
    await assert.rejects(confirm(email, code), { name: 'LimitExceededException' });
    clock.advance(hour);
    await confirm(email, code);
  });

  it('does not reveal unknown users on confirm or resend (PreventUserExistenceErrors)', async () => {
    const nobody = uniqueEmail('nobody');
    await assert.rejects(confirm(nobody, '123456'), { name: 'CodeMismatchException' });
    const resent = await pool.sdk.send(
      new ResendConfirmationCodeCommand({ ClientId: spaClientId, Username: nobody }),
    );
    assert.equal(resent.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
    assert.deepEqual(await pool.mailbox(nobody), [], 'nothing is actually sent');
  });

  describe('SECRET_HASH for a client with a secret', () => {
    let secret: string;
    before(async () => {
      const described = await pool.sdk.send(
        new DescribeUserPoolClientCommand({
          UserPoolId: pool.server.poolId,
          ClientId: machineClientId,
        }),
      );
      secret = described.UserPoolClient!.ClientSecret!;
    });
    const hash = (username: string, key = secret) =>
      createHmac('sha256', key).update(`${username}${machineClientId}`).digest('base64');
    const signUpMachine = (Username: string, SecretHash?: string) =>
      pool.sdk.send(
        new SignUpCommand({
          ClientId: machineClientId,
          Username,
          Password: strongPassword,
          SecretHash,
        }),
      );

    it('is required', async () => {
      await assert.rejects(signUpMachine(uniqueEmail('nohash')), {
        name: 'NotAuthorizedException',
        message: `Client ${machineClientId} is configured for secret but secret was not received`,
      });
    });

    it('must match', async () => {
      const email = uniqueEmail('badhash');
      await assert.rejects(signUpMachine(email, hash(email, 'not-the-secret')), {
        name: 'NotAuthorizedException',
        message: `Unable to verify secret hash for client ${machineClientId}`,
      });
    });

    it('is accepted when computed as Base64(HMAC-SHA256(secret, username + clientId))', async () => {
      const email = uniqueEmail('goodhash');
      const result = await signUpMachine(email, hash(email));
      assert.ok(result.UserSub);
    });
  });
});
