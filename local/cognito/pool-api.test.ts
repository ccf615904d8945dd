/** The user-pool API apps and back offices call: DescribeUserPool, password resets, attributes. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminUpdateUserAttributesCommand,
  DeleteUserAttributesCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  VerifyUserAttributeCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { userPool } from '../../api/pool.ts';
import {
  adminSetAttributes,
  createConfirmedUser,
  passwordSignIn,
  poolId,
  sigV4Headers,
  spaClientId,
  strongPassword,
  suitePool,
  type TestPool,
  uniqueEmail,
} from './testing/pool.ts';

async function rpc(
  pool: TestPool,
  operation: string,
  body: object,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(pool.server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('user-pool API', () => {
  const pool = suitePool();

  describe('DescribeUserPool', () => {
    it('describes the declared pool, counting its users', async () => {
      const before = await pool.sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
      const described = before.UserPool!;
      assert.equal(described.Id, poolId);
      assert.equal(described.Name, userPool.name);
      assert.match(
        described.Arn ?? '',
        new RegExp(`^arn:aws:cognito-idp:[a-z0-9-]+:\\d{12}:userpool/${poolId}$`),
      );
      assert.deepEqual(described.Policies?.PasswordPolicy, {
        MinimumLength: userPool.passwordPolicy.minimumLength,
        RequireUppercase: userPool.passwordPolicy.requireUppercase,
        RequireLowercase: userPool.passwordPolicy.requireLowercase,
        RequireNumbers: userPool.passwordPolicy.requireNumbers,
        RequireSymbols: userPool.passwordPolicy.requireSymbols,
        TemporaryPasswordValidityDays: userPool.passwordPolicy.temporaryPasswordValidityDays,
      });
      assert.equal(described.MfaConfiguration, userPool.mfa.mode);
      assert.deepEqual(described.UsernameAttributes, ['email']);
      assert.deepEqual(described.AutoVerifiedAttributes, ['email']);
      assert.deepEqual(described.UserAttributeUpdateSettings, {
        AttributesRequireVerificationBeforeUpdate: ['email'],
      });
      assert.ok(described.CreationDate instanceof Date);
      assert.ok(described.LastModifiedDate instanceof Date);
      const email = described.SchemaAttributes?.find((a) => a.Name === 'email');
      assert.equal(email?.Required, true);
      assert.equal(described.SchemaAttributes?.find((a) => a.Name === 'sub')?.Mutable, false);

      const counted = before.UserPool!.EstimatedNumberOfUsers!;
      const first = uniqueEmail('counted');
      await createConfirmedUser(pool, first);
      const unconfirmed = uniqueEmail('counted');
      await pool.sdk.send(
        new SignUpCommand({
          ClientId: spaClientId,
          Username: unconfirmed,
          Password: strongPassword,
          UserAttributes: [{ Name: 'email', Value: unconfirmed }],
        }),
      );
      await pool.sdk.send(
        new AdminCreateUserCommand({ UserPoolId: poolId, Username: uniqueEmail('counted') }),
      );
      const grown = await pool.sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
      // Signed up (then confirmed, an update), signed up unconfirmed, created by an administrator.
      assert.equal(grown.UserPool!.EstimatedNumberOfUsers, counted + 3);
      await pool.sdk.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: first }));
      const shrunk = await pool.sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
      assert.equal(shrunk.UserPool!.EstimatedNumberOfUsers, counted + 2);
    });

    it('refuses an unsigned call and another pool id', async () => {
      const unsigned = await rpc(pool, 'DescribeUserPool', { UserPoolId: poolId });
      assert.equal(unsigned.status, 400);
      assert.equal(unsigned.body['__type'], 'MissingAuthenticationTokenException');
      const other = await rpc(
        pool,
        'DescribeUserPool',
        { UserPoolId: 'us-east-1_Other0000' },
        sigV4Headers(),
      );
      assert.equal(other.status, 400);
      assert.equal(other.body['__type'], 'ResourceNotFoundException');
    });
  });

  describe('AdminResetUserPassword', () => {
    it('makes sign-in answer PasswordResetRequiredException until the mailed code sets a new password', async () => {
      const email = uniqueEmail('reset');
      await createConfirmedUser(pool, email);
      const mailed = (await pool.mailbox(email)).length;
      assert.deepEqual(
        {
          ...(await pool.sdk.send(
            new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: email }),
          )),
          $metadata: undefined,
        },
        { $metadata: undefined },
      );
      const user = await pool.sdk.send(
        new AdminGetUserCommand({ UserPoolId: poolId, Username: email }),
      );
      assert.equal(user.UserStatus, 'RESET_REQUIRED');
      const messages = await pool.mailbox(email);
      assert.equal(messages.length, mailed + 1);
      const code = messages.at(-1)!.code;
      assert.match(code, /^\d{6}$/);

      await assert.rejects(
        pool.sdk.send(
          new InitiateAuthCommand({
            ClientId: spaClientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: email, PASSWORD: strongPassword },
          }),
        ),
        { name: 'PasswordResetRequiredException', message: 'Password reset required for the user' },
      );
      await assert.rejects(
        pool.sdk.send(
          new ConfirmForgotPasswordCommand({
            ClientId: spaClientId,
            Username: email,
            ConfirmationCode: code === '000000' ? '111111' : '000000',
            Password: 'An0ther-Passw0rd!',
          }),
        ),
        { name: 'CodeMismatchException' },
      );
      await pool.sdk.send(
        new ConfirmForgotPasswordCommand({
          ClientId: spaClientId,
          Username: email,
          ConfirmationCode: code,
          Password: 'An0ther-Passw0rd!',
        }),
      );
      const tokens = await passwordSignIn(pool, email, 'An0ther-Passw0rd!');
      assert.ok(tokens.AccessToken);
    });

    it('refuses an unknown user, an unconfirmed one and an unsigned call', async () => {
      await assert.rejects(
        pool.sdk.send(
          new AdminResetUserPasswordCommand({
            UserPoolId: poolId,
            Username: uniqueEmail('nobody'),
          }),
        ),
        { name: 'UserNotFoundException', message: 'User does not exist.' },
      );
      const unconfirmed = uniqueEmail('unconfirmed');
      await pool.sdk.send(
        new SignUpCommand({
          ClientId: spaClientId,
          Username: unconfirmed,
          Password: strongPassword,
          UserAttributes: [{ Name: 'email', Value: unconfirmed }],
        }),
      );
      await assert.rejects(
        pool.sdk.send(
          new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: unconfirmed }),
        ),
        { name: 'NotAuthorizedException' },
      );
      const unsigned = await rpc(pool, 'AdminResetUserPassword', {
        UserPoolId: poolId,
        Username: unconfirmed,
      });
      assert.equal(unsigned.body['__type'], 'MissingAuthenticationTokenException');
    });
  });

  describe('attributes', () => {
    const attributesOf = async (email: string): Promise<Record<string, string>> => {
      const user = await pool.sdk.send(
        new AdminGetUserCommand({ UserPoolId: poolId, Username: email }),
      );
      return Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    };

    it('AdminUpdateUserAttributes writes attributes; a new email is mailed a code and takes over once confirmed, at once with email_verified', async () => {
      const email = uniqueEmail('adminupdate');
      await createConfirmedUser(pool, email);
      await pool.sdk.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: poolId,
          Username: email,
          UserAttributes: [{ Name: 'given_name', Value: 'Ada' }],
        }),
      );
      assert.equal((await attributesOf(email))['given_name'], 'Ada');

      const moved = uniqueEmail('adminupdate-moved');
      await pool.sdk.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: poolId,
          Username: email,
          UserAttributes: [{ Name: 'email', Value: moved }],
        }),
      );
      // keepOriginal: the verified email stays in use until the new one's code is confirmed.
      const afterMove = await attributesOf(email);
      assert.equal(afterMove['email'], email);
      assert.equal(afterMove['email_verified'], 'true');
      const code = await pool.lastCode(moved);
      const { AccessToken } = await passwordSignIn(pool, email);
      await pool.sdk.send(
        new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: code }),
      );
      assert.equal((await attributesOf(moved))['email'], moved);
      assert.equal((await attributesOf(moved))['email_verified'], 'true');

      const again = uniqueEmail('adminupdate-verified');
      await pool.sdk.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: poolId,
          Username: moved,
          UserAttributes: [
            { Name: 'email', Value: again },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      );
      assert.equal((await attributesOf(again))['email_verified'], 'true');
      assert.deepEqual(await pool.mailbox(again), [], 'no code for an email verified by the admin');
    });

    it('AdminUpdateUserAttributes refuses an unknown user, a bad attribute, a taken email and an unsigned call', async () => {
      const email = uniqueEmail('adminupdate-refused');
      const other = uniqueEmail('adminupdate-other');
      await createConfirmedUser(pool, email);
      await createConfirmedUser(pool, other);
      const update = (Username: string, Name: string, Value: string) =>
        pool.sdk.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId: poolId,
            Username,
            UserAttributes: [{ Name, Value }],
          }),
        );
      await assert.rejects(update(uniqueEmail('nobody'), 'given_name', 'X'), {
        name: 'UserNotFoundException',
      });
      await assert.rejects(update(email, 'shoe_size', '42'), {
        name: 'InvalidParameterException',
        message: 'Attribute does not exist in the schema.',
      });
      await assert.rejects(update(email, 'sub', 'x'), { name: 'InvalidParameterException' });
      await assert.rejects(update(email, 'email', other), { name: 'AliasExistsException' });
      assert.equal((await attributesOf(email))['email'], email, 'nothing written on refusal');
      const unsigned = await rpc(pool, 'AdminUpdateUserAttributes', {
        UserPoolId: poolId,
        Username: email,
        UserAttributes: [{ Name: 'given_name', Value: 'X' }],
      });
      assert.equal(unsigned.body['__type'], 'MissingAuthenticationTokenException');
    });

    it('AdminDeleteUserAttributes and DeleteUserAttributes remove attributes, never email or sub', async () => {
      const email = uniqueEmail('delete-attributes');
      await createConfirmedUser(pool, email);
      await adminSetAttributes(pool, email, { given_name: 'Ada', family_name: 'Lovelace' });
      await pool.sdk.send(
        new AdminDeleteUserAttributesCommand({
          UserPoolId: poolId,
          Username: email,
          UserAttributeNames: ['given_name'],
        }),
      );
      let attributes = await attributesOf(email);
      assert.equal(attributes['given_name'], undefined);
      assert.equal(attributes['family_name'], 'Lovelace');

      const { AccessToken } = await passwordSignIn(pool, email);
      await pool.sdk.send(
        new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames: ['family_name'] }),
      );
      attributes = await attributesOf(email);
      assert.equal(attributes['family_name'], undefined);

      await assert.rejects(
        pool.sdk.send(
          new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames: ['email'] }),
        ),
        { name: 'InvalidParameterException' },
      );
      await assert.rejects(
        pool.sdk.send(
          new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames: ['email_verified'] }),
        ),
        { name: 'NotAuthorizedException' },
      );
      await assert.rejects(
        pool.sdk.send(
          new DeleteUserAttributesCommand({
            AccessToken: 'not-a-token',
            UserAttributeNames: ['name'],
          }),
        ),
        { name: 'NotAuthorizedException' },
      );
      await assert.rejects(
        pool.sdk.send(
          new AdminDeleteUserAttributesCommand({
            UserPoolId: poolId,
            Username: email,
            UserAttributeNames: ['sub'],
          }),
        ),
        { name: 'InvalidParameterException' },
      );
      await assert.rejects(
        pool.sdk.send(
          new AdminDeleteUserAttributesCommand({
            UserPoolId: poolId,
            Username: uniqueEmail('nobody'),
            UserAttributeNames: ['name'],
          }),
        ),
        { name: 'UserNotFoundException' },
      );
      assert.equal((await attributesOf(email))['email'], email);
      const unsigned = await rpc(pool, 'AdminDeleteUserAttributes', {
        UserPoolId: poolId,
        Username: email,
        UserAttributeNames: ['name'],
      });
      assert.equal(unsigned.body['__type'], 'MissingAuthenticationTokenException');
    });

    it('GetUserAttributeVerificationCode mails a code VerifyUserAttribute redeems, within an hourly quota', async () => {
      const email = uniqueEmail('verification-code');
      await createConfirmedUser(pool, email);
      await adminSetAttributes(pool, email, { email_verified: 'false' });
      const { AccessToken } = await passwordSignIn(pool, email);
      const sent = await pool.sdk.send(
        new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }),
      );
      assert.equal(sent.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
      assert.equal(sent.CodeDeliveryDetails?.AttributeName, 'email');
      assert.match(sent.CodeDeliveryDetails?.Destination ?? '', /^v\*\*\*@e\*\*\*$/);
      const code = await pool.lastCode(email);
      await assert.rejects(
        pool.sdk.send(
          new VerifyUserAttributeCommand({
            AccessToken,
            AttributeName: 'email',
            Code: code === '000000' ? '111111' : '000000',
          }),
        ),
        { name: 'CodeMismatchException' },
      );
      await pool.sdk.send(
        new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: code }),
      );
      const user = await pool.sdk.send(new GetUserCommand({ AccessToken }));
      assert.equal(user.UserAttributes?.find((a) => a.Name === 'email_verified')?.Value, 'true');

      await assert.rejects(
        pool.sdk.send(
          new GetUserAttributeVerificationCodeCommand({
            AccessToken,
            AttributeName: 'phone_number',
          }),
        ),
        { name: 'InvalidParameterException' },
      );
      await assert.rejects(
        pool.sdk.send(
          new GetUserAttributeVerificationCodeCommand({ AccessToken: 'x', AttributeName: 'email' }),
        ),
        { name: 'NotAuthorizedException' },
      );
      // Five codes an hour (the first above included), then LimitExceededException.
      for (let i = 1; i < 5; i += 1)
        await pool.sdk.send(
          new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }),
        );
      await assert.rejects(
        pool.sdk.send(
          new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }),
        ),
        { name: 'LimitExceededException' },
      );
    });

    it('a pending email (keepOriginal) gets the new codes, and loses to an account that took the address meanwhile', async () => {
      const email = uniqueEmail('pending');
      await createConfirmedUser(pool, email);
      const { AccessToken } = await passwordSignIn(pool, email);
      const wanted = uniqueEmail('pending-wanted');
      await adminSetAttributes(pool, email, { email: wanted });
      const resent = await pool.sdk.send(
        new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }),
      );
      assert.equal(resent.CodeDeliveryDetails?.Destination, 'p***@e***');
      assert.equal((await pool.mailbox(wanted)).length, 2, 'the resent code goes to the new email');
      const code = await pool.lastCode(wanted);
      await createConfirmedUser(pool, wanted);
      await assert.rejects(
        pool.sdk.send(
          new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: code }),
        ),
        { name: 'AliasExistsException' },
      );
      assert.equal((await attributesOf(email))['email'], email, 'the original email stays');
    });
  });
});
