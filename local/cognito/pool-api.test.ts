/** The user-pool API apps and back offices call: DescribeUserPool, password resets, attributes. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminCreateUserCommand,
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
  createConfirmedUser,
  passwordSignIn,
  poolId,
  sigV4Headers,
  spaClientId,
  startTestPool,
  strongPassword,
  uniqueEmail,
  type TestPool,
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
  let pool: TestPool;
  before(async () => {
    pool = await startTestPool();
  });
  after(() => pool.stop());

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
});
