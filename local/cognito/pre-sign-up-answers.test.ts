/**
 * The pre sign-up trigger's answer, honoured by SignUp (through the AWS SDK): `autoConfirmUser`
 * confirms without a code (and runs post confirmation), `autoVerifyEmail` / `autoVerifyPhone`
 * mark the attribute verified; AdminCreateUser ignores them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ConfirmSignUpCommand,
  SignUpCommand,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  passwordSignIn,
  poolId as UserPoolId,
  spaClientId,
  startTestPool,
  strongPassword,
  type TestPool,
} from './testing/pool.ts';
import { seen } from './testing/triggers.ts';

const testTriggers = 'local/cognito/testing/triggers.ts';
let counter = 0;
const emailFor = (label: string) => `${label}.${process.pid}.${++counter}@example.com`;

describe('pre sign-up trigger answers', () => {
  let pool: TestPool;
  before(async () => {
    pool = await startTestPool({
      triggers: {
        handlers: {
          preSignUp: { module: testTriggers, export: 'autoAnswers' },
          postConfirmation: { module: testTriggers, export: 'records' },
        },
      },
    });
  });
  after(() => pool.stop());

  const signUp = (email: string, extra: AttributeType[] = []) =>
    pool.sdk.send(
      new SignUpCommand({
        ClientId: spaClientId,
        Username: email,
        Password: strongPassword,
        UserAttributes: [{ Name: 'email', Value: email }, ...extra],
      }),
    );
  const adminGet = (email: string) =>
    pool.sdk.send(new AdminGetUserCommand({ UserPoolId, Username: email }));
  const attribute = (user: { UserAttributes?: AttributeType[] }, name: string) =>
    user.UserAttributes?.find((a) => a.Name === name)?.Value;
  const postConfirmationsFor = (email: string) =>
    (seen as { triggerSource: string; request: { userAttributes: Record<string, string> } }[])
      .filter((event) => event.request.userAttributes['email'] === email)
      .map((event) => event.triggerSource);

  it('autoConfirmUser + autoVerifyEmail: CONFIRMED, verified, no code sent, post confirmation run', async () => {
    const email = emailFor('confirm-verify');
    const up = await signUp(email);
    assert.equal(up.UserConfirmed, true);
    assert.equal(up.CodeDeliveryDetails, undefined);
    assert.deepEqual(await pool.mailbox(email), [], 'no code is sent');
    const user = await adminGet(email);
    assert.equal(user.UserStatus, 'CONFIRMED');
    assert.equal(attribute(user, 'email_verified'), 'true');
    assert.deepEqual(postConfirmationsFor(email), ['PostConfirmation_ConfirmSignUp']);
    assert.ok((await passwordSignIn(pool, email)).IdToken, 'signs in at once');
    // Nothing left to confirm.
    await assert.rejects(
      pool.sdk.send(
        new ConfirmSignUpCommand({ ClientId: spaClientId, Username: email, ConfirmationCode: '1' }),
      ),
      {
        name: 'NotAuthorizedException',
        message: 'User cannot be confirmed. Current status is CONFIRMED',
      },
    );
  });

  it('autoConfirmUser alone: CONFIRMED with the email still unverified', async () => {
    const email = emailFor('confirm');
    assert.equal((await signUp(email)).UserConfirmed, true);
    const user = await adminGet(email);
    assert.equal(user.UserStatus, 'CONFIRMED');
    assert.equal(attribute(user, 'email_verified'), 'false');
    assert.deepEqual(await pool.mailbox(email), []);
  });

  it('autoVerifyEmail alone: verified but UNCONFIRMED, and the sign-up code is still sent', async () => {
    const email = emailFor('verify');
    const up = await signUp(email);
    assert.equal(up.UserConfirmed, false);
    assert.equal(up.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
    const user = await adminGet(email);
    assert.equal(user.UserStatus, 'UNCONFIRMED');
    assert.equal(attribute(user, 'email_verified'), 'true');
    assert.deepEqual(postConfirmationsFor(email), []);
    await pool.sdk.send(
      new ConfirmSignUpCommand({
        ClientId: spaClientId,
        Username: email,
        ConfirmationCode: await pool.lastCode(email),
      }),
    );
    assert.equal((await adminGet(email)).UserStatus, 'CONFIRMED');
  });

  it('autoVerifyPhone verifies the phone number, and needs one', async () => {
    const email = emailFor('phone');
    await signUp(email, [{ Name: 'phone_number', Value: '+15555550100' }]);
    const user = await adminGet(email);
    assert.equal(attribute(user, 'phone_number_verified'), 'true');
    assert.equal(attribute(user, 'email_verified'), 'false');
    const without = emailFor('phone');
    await assert.rejects(signUp(without), { name: 'InvalidParameterException' });
    await assert.rejects(adminGet(without), { name: 'UserNotFoundException' });
  });

  it('a user without any answer is UNCONFIRMED with a code, as without the trigger', async () => {
    const email = emailFor('plain');
    const up = await signUp(email);
    assert.equal(up.UserConfirmed, false);
    assert.match(await pool.lastCode(email), /^\d{6}$/);
  });

  it('AdminCreateUser ignores the answer: the invited user still sets a password', async () => {
    const email = emailFor('confirm-verify');
    const created = await pool.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: email,
        TemporaryPassword: 'Temp-Passw0rd!',
      }),
    );
    assert.equal(created.User?.UserStatus, 'FORCE_CHANGE_PASSWORD');
    assert.equal(
      created.User?.Attributes?.find((a) => a.Name === 'email_verified')?.Value,
      undefined,
    );
  });
});
