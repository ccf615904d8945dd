/** Calls a signed-in user makes with their access token, and the forgotten-password flow. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  DeleteUserCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ManualClock } from '../testing/clock.ts';
import {
  createConfirmedUser,
  passwordSignIn,
  spaClientId,
  strongPassword,
  suitePool,
  uniqueEmail,
} from './testing/pool.ts';

const hour = 3600_000;

describe('user operations', () => {
  const clock = new ManualClock();
  const pool = suitePool({ clock });

  const attributesOf = async (accessToken: string) =>
    Object.fromEntries(
      (await pool.sdk.send(new GetUserCommand({ AccessToken: accessToken }))).UserAttributes!.map(
        (a) => [a.Name, a.Value],
      ),
    );

  it('GetUser returns the username and string attributes, sub first', async () => {
    const email = uniqueEmail('getuser');
    const sub = await createConfirmedUser(pool, email);
    const { AccessToken } = await passwordSignIn(pool, email);
    const user = await pool.sdk.send(new GetUserCommand({ AccessToken }));
    assert.equal(user.Username, sub);
    assert.deepEqual(user.UserAttributes?.[0], { Name: 'sub', Value: sub });
    assert.deepEqual(await attributesOf(AccessToken), { sub, email, email_verified: 'true' });
  });

  it('UpdateUserAttributes changes a name; a new email takes over only once its code is confirmed (keepOriginal)', async () => {
    const email = uniqueEmail('update');
    await createConfirmedUser(pool, email);
    const { AccessToken } = await passwordSignIn(pool, email);
    const newEmail = uniqueEmail('updated');
    const result = await pool.sdk.send(
      new UpdateUserAttributesCommand({
        AccessToken,
        UserAttributes: [
          { Name: 'name', Value: 'Ada' },
          { Name: 'email', Value: newEmail },
        ],
      }),
    );
    assert.equal(result.CodeDeliveryDetailsList?.[0]?.AttributeName, 'email');
    assert.deepEqual(
      { ...(await attributesOf(AccessToken)), sub: undefined },
      { sub: undefined, email, email_verified: 'true', name: 'Ada' },
      'the verified email stays until the new one is confirmed',
    );
    assert.ok((await passwordSignIn(pool, email)).AccessToken, 'still signs in with the old email');
    await pool.sdk.send(
      new VerifyUserAttributeCommand({
        AccessToken,
        AttributeName: 'email',
        Code: await pool.lastCode(newEmail),
      }),
    );
    assert.equal((await attributesOf(AccessToken))['email'], newEmail);
    assert.equal((await attributesOf(AccessToken))['email_verified'], 'true');
    assert.ok((await passwordSignIn(pool, newEmail)).AccessToken, 'signs in with the new email');
  });

  it('UpdateUserAttributes refuses an email another user has, sub, and unknown attributes', async () => {
    const taken = uniqueEmail('taken');
    await createConfirmedUser(pool, taken);
    const email = uniqueEmail('update-bad');
    await createConfirmedUser(pool, email);
    const { AccessToken } = await passwordSignIn(pool, email);
    const update = (Name: string, Value: string) =>
      pool.sdk.send(
        new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name, Value }] }),
      );
    await assert.rejects(update('email', taken), { name: 'AliasExistsException' });
    await assert.rejects(update('sub', 'mine'), { name: 'InvalidParameterException' });
    await assert.rejects(update('favourite_colour', 'blue'), { name: 'InvalidParameterException' });
    await assert.rejects(update('email_verified', 'true'), { name: 'NotAuthorizedException' });
  });

  it('ChangePassword needs the previous password and a policy-conforming new one', async () => {
    const email = uniqueEmail('change');
    await createConfirmedUser(pool, email);
    const { AccessToken } = await passwordSignIn(pool, email);
    const change = (PreviousPassword: string, ProposedPassword: string) =>
      pool.sdk.send(new ChangePasswordCommand({ AccessToken, PreviousPassword, ProposedPassword }));
    await assert.rejects(change('Wr0ng-Password!', 'N3w-Password!'), {
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    await assert.rejects(change(strongPassword, 'weakpassword'), {
      name: 'InvalidPasswordException',
    });
    await change(strongPassword, 'N3w-Password!');
    await assert.rejects(passwordSignIn(pool, email), { name: 'NotAuthorizedException' });
    assert.ok((await passwordSignIn(pool, email, 'N3w-Password!')).AccessToken);
  });

  it('ChangePassword is limited to 5 wrong previous passwords an hour', async () => {
    const email = uniqueEmail('change-limit');
    await createConfirmedUser(pool, email);
    const { AccessToken } = await passwordSignIn(pool, email);
    const change = (PreviousPassword: string) =>
      pool.sdk.send(
        new ChangePasswordCommand({
          AccessToken,
          PreviousPassword,
          ProposedPassword: 'N3w-Password!',
        }),
      );
    for (let i = 0; i < 5; i++)
      await assert.rejects(change('Wr0ng-Password!'), { name: 'NotAuthorizedException' });
    await assert.rejects(change(strongPassword), { name: 'LimitExceededException' });
  });

  describe('forgotten password', () => {
    const forgot = (Username: string) =>
      pool.sdk.send(new ForgotPasswordCommand({ ClientId: spaClientId, Username }));
    const confirmForgot = (
      Username: string,
      ConfirmationCode: string,
      Password = 'R3set-Password!',
    ) =>
      pool.sdk.send(
        new ConfirmForgotPasswordCommand({
          ClientId: spaClientId,
          Username,
          ConfirmationCode,
          Password,
        }),
      );

    it('mails a reset code that sets a new password once', async () => {
      const email = uniqueEmail('forgot');
      await createConfirmedUser(pool, email);
      const sent = await forgot(email);
      assert.deepEqual(sent.CodeDeliveryDetails, {
        AttributeName: 'email',
        DeliveryMedium: 'EMAIL',
        Destination: 'f***@e***',
      });
      const code = await pool.lastCode(email);
      await confirmForgot(email, code);
      assert.ok((await passwordSignIn(pool, email, 'R3set-Password!')).AccessToken);
      await assert.rejects(confirmForgot(email, code, 'An0ther-Password!'), {
        name: 'ExpiredCodeException',
      });
    });

    it('rejects a wrong code, a code after an hour, and a confirmation with no code requested', async () => {
      const email = uniqueEmail('forgot-bad');
      await createConfirmedUser(pool, email);
      await assert.rejects(confirmForgot(email, '123456'), { name: 'ExpiredCodeException' });
      await forgot(email);
      const code = await pool.lastCode(email);
      await assert.rejects(confirmForgot(email, code === '654321' ? '123456' : '654321'), {
        name: 'CodeMismatchException',
      });
      clock.advance(hour + 1000);
      await assert.rejects(confirmForgot(email, code), { name: 'ExpiredCodeException' });
    });

    it('refuses a weak new password without using up the code', async () => {
      const email = uniqueEmail('forgot-weak');
      await createConfirmedUser(pool, email);
      await forgot(email);
      const code = await pool.lastCode(email);
      await assert.rejects(confirmForgot(email, code, 'weakpassword'), {
        name: 'InvalidPasswordException',
      });
      await confirmForgot(email, code);
    });

    it('does not reveal unknown or unconfirmed users', async () => {
      const nobody = uniqueEmail('forgot-nobody');
      const simulated = await forgot(nobody);
      assert.equal(simulated.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
      assert.deepEqual(await pool.mailbox(nobody), []);
      await assert.rejects(confirmForgot(nobody, '123456'), { name: 'CodeMismatchException' });
      const pending = uniqueEmail('forgot-pending');
      await pool.sdk.send(
        new SignUpCommand({ ClientId: spaClientId, Username: pending, Password: strongPassword }),
      );
      const before = (await pool.mailbox(pending)).length;
      await forgot(pending);
      assert.equal(
        (await pool.mailbox(pending)).length,
        before,
        'no reset code for an unverified email',
      );
    });
  });

  it('DeleteUser removes the account and its sessions', async () => {
    const email = uniqueEmail('delete');
    await createConfirmedUser(pool, email);
    const { AccessToken, RefreshToken } = await passwordSignIn(pool, email);
    await pool.sdk.send(new DeleteUserCommand({ AccessToken }));
    await assert.rejects(pool.sdk.send(new GetUserCommand({ AccessToken })), {
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    await assert.rejects(
      pool.sdk.send(
        new InitiateAuthCommand({
          ClientId: spaClientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: RefreshToken },
        }),
      ),
      { name: 'NotAuthorizedException' },
    );
    await assert.rejects(passwordSignIn(pool, email), {
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });
});
