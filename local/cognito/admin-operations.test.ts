/** Administrator calls through the SigV4-signing AWS SDK (the pool accepts and ignores the signature). */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  DescribeUserPoolClientCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUserPoolClientsCommand,
  ListUsersCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { userPool } from '../../api/pool.ts';
import { ManualClock } from '../testing/clock.ts';
import {
  createConfirmedUser,
  machineClientId,
  passwordSignIn,
  spaClientId,
  startTestPool,
  strongPassword,
  uniqueEmail,
  type TestPool,
} from './testing/pool.ts';

describe('admin operations', () => {
  let pool: TestPool;
  let UserPoolId: string;
  const clock = new ManualClock();
  before(async () => {
    pool = await startTestPool({ clock });
    UserPoolId = pool.server.poolId;
  });
  after(() => pool.stop());

  it('AdminCreateUser makes a FORCE_CHANGE_PASSWORD user whose first sign-in asks for a new password', async () => {
    const email = uniqueEmail('invited');
    const created = await pool.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: email,
        TemporaryPassword: 'Temp-Passw0rd!',
        UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
      }),
    );
    assert.equal(created.User?.UserStatus, 'FORCE_CHANGE_PASSWORD');
    assert.ok(created.User?.UserCreateDate instanceof Date);
    const invitation = (await pool.mailbox(email)).at(-1);
    assert.equal(invitation?.code, 'Temp-Passw0rd!');
    assert.ok(
      !pool.logs.some((line) => line.includes('Temp-Passw0rd!')),
      'the temporary password is not logged',
    );

    const first = await pool.sdk.send(
      new InitiateAuthCommand({
        ClientId: spaClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: 'Temp-Passw0rd!' },
      }),
    );
    assert.equal(first.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    assert.ok(first.Session);
    assert.equal(JSON.parse(first.ChallengeParameters!['userAttributes']!).email, email);
    const answered = await pool.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: spaClientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: {
          USERNAME: first.ChallengeParameters!['USER_ID_FOR_SRP']!,
          NEW_PASSWORD: strongPassword,
        },
      }),
    );
    assert.ok(answered.AuthenticationResult?.AccessToken);
    assert.equal(
      (await pool.sdk.send(new AdminGetUserCommand({ UserPoolId, Username: email }))).UserStatus,
      'CONFIRMED',
    );
    assert.ok((await passwordSignIn(pool, email)).IdToken);
  });

  it('NEW_PASSWORD_REQUIRED refuses a forged session and a weak password', async () => {
    const email = uniqueEmail('invited-bad');
    await pool.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: email,
        TemporaryPassword: 'Temp-Passw0rd!',
        MessageAction: 'SUPPRESS',
      }),
    );
    assert.deepEqual(await pool.mailbox(email), [], 'SUPPRESS sends nothing');
    const first = await pool.sdk.send(
      new InitiateAuthCommand({
        ClientId: spaClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: 'Temp-Passw0rd!' },
      }),
    );
    const respond = (Session: string, NEW_PASSWORD: string) =>
      pool.sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: spaClientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session,
          ChallengeResponses: { USERNAME: email, NEW_PASSWORD },
        }),
      );
    await assert.rejects(respond('forged', strongPassword), {
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
    await assert.rejects(respond(first.Session!, 'weak'), { name: 'InvalidParameterException' });
    await assert.rejects(respond(first.Session!, 'weakpassword'), {
      name: 'InvalidPasswordException',
    });
  });

  it("a temporary password expires after the policy's days", async () => {
    const email = uniqueEmail('invite-expired');
    await pool.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: email,
        TemporaryPassword: 'Temp-Passw0rd!',
      }),
    );
    clock.advance((userPool.passwordPolicy.temporaryPasswordValidityDays * 24 + 1) * 3600_000);
    await assert.rejects(passwordSignIn(pool, email, 'Temp-Passw0rd!'), {
      name: 'NotAuthorizedException',
      message: 'Temporary password has expired and must be reset by an administrator.',
    });
  });

  it('AdminCreateUser generates a policy-conforming temporary password when none is given, and refuses duplicates', async () => {
    const email = uniqueEmail('generated');
    await pool.sdk.send(new AdminCreateUserCommand({ UserPoolId, Username: email }));
    const temporary = (await pool.mailbox(email)).at(-1)!.code;
    const first = await pool.sdk.send(
      new InitiateAuthCommand({
        ClientId: spaClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: temporary },
      }),
    );
    assert.equal(first.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    await assert.rejects(
      pool.sdk.send(new AdminCreateUserCommand({ UserPoolId, Username: email })),
      { name: 'UsernameExistsException' },
    );
  });

  it('AdminConfirmSignUp confirms an unconfirmed user once', async () => {
    const email = uniqueEmail('admin-confirm');
    await pool.sdk.send(
      new SignUpCommand({ ClientId: spaClientId, Username: email, Password: strongPassword }),
    );
    await pool.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId, Username: email }));
    assert.ok((await passwordSignIn(pool, email)).AccessToken);
    await assert.rejects(
      pool.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId, Username: email })),
      {
        name: 'NotAuthorizedException',
        message: 'User cannot be confirmed. Current status is CONFIRMED',
      },
    );
  });

  it('AdminGetUser finds by email or username and reports unknown users', async () => {
    const email = uniqueEmail('admin-get');
    const sub = await createConfirmedUser(pool, email);
    const byEmail = await pool.sdk.send(new AdminGetUserCommand({ UserPoolId, Username: email }));
    const bySub = await pool.sdk.send(new AdminGetUserCommand({ UserPoolId, Username: sub }));
    assert.equal(byEmail.Username, sub);
    assert.equal(bySub.UserStatus, 'CONFIRMED');
    assert.equal(byEmail.Enabled, true);
    await assert.rejects(
      pool.sdk.send(new AdminGetUserCommand({ UserPoolId, Username: uniqueEmail('ghost') })),
      {
        name: 'UserNotFoundException',
        message: 'User does not exist.',
      },
    );
  });

  it('AdminSetUserPassword sets a permanent or a temporary password', async () => {
    const email = uniqueEmail('admin-set');
    await createConfirmedUser(pool, email);
    await pool.sdk.send(
      new AdminSetUserPasswordCommand({
        UserPoolId,
        Username: email,
        Password: 'Perm-Passw0rd!',
        Permanent: true,
      }),
    );
    assert.ok((await passwordSignIn(pool, email, 'Perm-Passw0rd!')).AccessToken);
    await pool.sdk.send(
      new AdminSetUserPasswordCommand({
        UserPoolId,
        Username: email,
        Password: 'Temp-Passw0rd!',
        Permanent: false,
      }),
    );
    assert.equal(
      (await pool.sdk.send(new AdminGetUserCommand({ UserPoolId, Username: email }))).UserStatus,
      'FORCE_CHANGE_PASSWORD',
    );
    await assert.rejects(
      pool.sdk.send(
        new AdminSetUserPasswordCommand({
          UserPoolId,
          Username: email,
          Password: 'weak',
          Permanent: true,
        }),
      ),
      {
        name: 'InvalidParameterException',
      },
    );
  });

  it('AdminDeleteUser removes the user and their sessions', async () => {
    const email = uniqueEmail('admin-delete');
    await createConfirmedUser(pool, email);
    const tokens = await passwordSignIn(pool, email);
    await pool.sdk.send(new AdminDeleteUserCommand({ UserPoolId, Username: email }));
    await assert.rejects(pool.sdk.send(new AdminGetUserCommand({ UserPoolId, Username: email })), {
      name: 'UserNotFoundException',
    });
    await assert.rejects(
      pool.sdk.send(
        new InitiateAuthCommand({
          ClientId: spaClientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
        }),
      ),
      { name: 'NotAuthorizedException' },
    );
    await assert.rejects(
      pool.sdk.send(new AdminDeleteUserCommand({ UserPoolId, Username: email })),
      { name: 'UserNotFoundException' },
    );
  });

  it('AdminDisableUser stops sign-in until AdminEnableUser and revokes the tokens it had', async () => {
    const email = uniqueEmail('admin-disable');
    await createConfirmedUser(pool, email);
    const tokens = await passwordSignIn(pool, email);
    await pool.sdk.send(new AdminDisableUserCommand({ UserPoolId, Username: email }));
    const disabled = { name: 'NotAuthorizedException', message: 'User is disabled.' };
    await assert.rejects(passwordSignIn(pool, email), disabled);
    // AWS: "Deactivates a user and revokes all access tokens for the user."
    await assert.rejects(pool.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken })), {
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    await assert.rejects(
      pool.sdk.send(
        new InitiateAuthCommand({
          ClientId: spaClientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
        }),
      ),
      { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' },
    );
    assert.equal(
      (await pool.sdk.send(new AdminGetUserCommand({ UserPoolId, Username: email }))).Enabled,
      false,
    );
    await pool.sdk.send(new AdminEnableUserCommand({ UserPoolId, Username: email }));
    assert.ok((await passwordSignIn(pool, email)).AccessToken);
  });

  it('ListUsers filters by attribute and pages with a token', async () => {
    const prefix = `list${process.pid}`;
    for (let i = 0; i < 3; i++)
      await pool.sdk.send(
        new SignUpCommand({
          ClientId: spaClientId,
          Username: `${prefix}.${i}@example.com`,
          Password: strongPassword,
        }),
      );
    const exact = await pool.sdk.send(
      new ListUsersCommand({ UserPoolId, Filter: `email = "${prefix}.1@example.com"` }),
    );
    assert.deepEqual(
      exact.Users?.map((u) => u.Attributes?.find((a) => a.Name === 'email')?.Value),
      [`${prefix}.1@example.com`],
    );
    const page1 = await pool.sdk.send(
      new ListUsersCommand({ UserPoolId, Filter: `email ^= "${prefix}."`, Limit: 2 }),
    );
    assert.equal(page1.Users?.length, 2);
    assert.ok(page1.PaginationToken);
    const page2 = await pool.sdk.send(
      new ListUsersCommand({
        UserPoolId,
        Filter: `email ^= "${prefix}."`,
        Limit: 2,
        PaginationToken: page1.PaginationToken,
      }),
    );
    assert.equal(page2.Users?.length, 1);
    assert.equal(page2.PaginationToken, undefined);
    const unconfirmed = await pool.sdk.send(
      new ListUsersCommand({ UserPoolId, Filter: 'cognito:user_status = "UNCONFIRMED"' }),
    );
    assert.ok(unconfirmed.Users!.every((u) => u.UserStatus === 'UNCONFIRMED'));
    await assert.rejects(
      pool.sdk.send(new ListUsersCommand({ UserPoolId, Filter: 'email contains "x"' })),
      { name: 'InvalidParameterException' },
    );
  });

  it('DescribeUserPoolClient and ListUserPoolClients report the clients declared in api/pool.ts', async () => {
    const machine = (
      await pool.sdk.send(
        new DescribeUserPoolClientCommand({ UserPoolId, ClientId: machineClientId }),
      )
    ).UserPoolClient!;
    assert.equal(machine.ClientName, userPool.clients.machine.name);
    assert.deepEqual(machine.AllowedOAuthFlows, ['client_credentials']);
    assert.deepEqual(machine.AllowedOAuthScopes, [...userPool.clients.machine.oauthScopes]);
    assert.ok(machine.ClientSecret);
    const spa = (
      await pool.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: spaClientId }))
    ).UserPoolClient!;
    assert.equal(spa.ClientSecret, undefined);
    assert.equal(spa.PreventUserExistenceErrors, 'ENABLED');
    assert.deepEqual(spa.ExplicitAuthFlows, [...userPool.clients.spa.explicitAuthFlows]);
    const list = await pool.sdk.send(new ListUserPoolClientsCommand({ UserPoolId }));
    assert.deepEqual(
      list.UserPoolClients?.map((c) => c.ClientId).sort(),
      [machineClientId, spaClientId].sort(),
    );
  });

  it('answers ResourceNotFoundException for another pool id', async () => {
    await assert.rejects(
      pool.sdk.send(
        new AdminGetUserCommand({ UserPoolId: 'us-east-1_Other', Username: 'x@example.com' }),
      ),
      {
        name: 'ResourceNotFoundException',
        message: 'User pool us-east-1_Other does not exist.',
      },
    );
  });
});
