/**
 * AdminUserGlobalSignOut, AdminDisableUser's revocation, the "not emulated" answer, and
 * `npm run admin -- grant`, through the AWS SDK against the local pool.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminListGroupsForUserCommand,
  AdminUserGlobalSignOutCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { admin } from '../../scripts/admin.ts';
import {
  createConfirmedUser,
  passwordSignIn,
  poolClient,
  poolId as UserPoolId,
  spaClientId,
  suitePool,
  uniqueEmail,
} from './testing/pool.ts';
import { assertRefused } from './testing/errors.ts';

describe('signing users out as an administrator', () => {
  const pool = suitePool();

  const refresh = (token: string) =>
    pool.sdk.send(
      new InitiateAuthCommand({
        ClientId: spaClientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: token },
      }),
    );

  it('AdminUserGlobalSignOut revokes every refresh token and the access tokens from them', async () => {
    const email = uniqueEmail('signed-out');
    await createConfirmedUser(pool, email);
    const first = await passwordSignIn(pool, email);
    const second = await passwordSignIn(pool, email);
    await pool.sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: email }));
    for (const tokens of [first, second]) {
      await assertRefused(
        pool.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken })),
        'NotAuthorizedException',
        'Access Token has been revoked',
      );
      await assertRefused(refresh(tokens.RefreshToken), 'NotAuthorizedException', /revoked/);
    }
    // A new sign-in works.
    await passwordSignIn(pool, email);
    await assertRefused(
      pool.sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: 'ghost' })),
      'UserNotFoundException',
      'User does not exist.',
    );
  });

  it('AdminDisableUser revokes the tokens for good: enabling again does not revive them', async () => {
    const email = uniqueEmail('disabled');
    await createConfirmedUser(pool, email);
    const tokens = await passwordSignIn(pool, email);
    await pool.sdk.send(new AdminDisableUserCommand({ UserPoolId, Username: email }));
    await assertRefused(
      pool.sdk.send(
        new InitiateAuthCommand({
          ClientId: spaClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD: 'Corr3ct-Horse!' },
        }),
      ),
      'NotAuthorizedException',
      'User is disabled.',
    );
    await pool.sdk.send(new AdminEnableUserCommand({ UserPoolId, Username: email }));
    await assertRefused(
      pool.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken })),
      'NotAuthorizedException',
      'Access Token has been revoked',
    );
    await assertRefused(refresh(tokens.RefreshToken), 'NotAuthorizedException', /revoked/);
  });

  it('answers an operation it does not implement with an error naming it as not emulated', async () => {
    const response = await pool.sdk
      .send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: 'ghost' }))
      .catch((error: Error) => error);
    assert.equal((response as Error).name, 'UserNotFoundException', 'implemented ones answer');
    const raw = await fetch(pool.server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools',
      },
      body: JSON.stringify({ MaxResults: 10 }),
    });
    assert.equal(raw.status, 400);
    assert.deepEqual(await raw.json(), {
      __type: 'UnsupportedOperationException',
      message: 'ListUserPools is not emulated by the local user pool',
    });
    const misspelt = await fetch(pool.server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPoolz',
      },
      body: '{}',
    });
    assert.equal(
      ((await misspelt.json()) as { __type: string }).__type,
      'UnknownOperationException',
    );
  });

  it('npm run admin -- grant / revoke puts a user in admins and takes them out', async () => {
    const email = uniqueEmail('first-admin');
    await createConfirmedUser(pool, email);
    const line = await admin(['grant', email], pool.server.url);
    assert.match(line, /is now in admins/);
    const groupsOf = async () =>
      (
        await pool.sdk.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: email }))
      ).Groups?.map((group) => group.GroupName);
    assert.deepEqual(await groupsOf(), ['admins']);
    await admin(['revoke', email], pool.server.url);
    assert.deepEqual(await groupsOf(), []);
    await assert.rejects(admin(['grant'], pool.server.url), /usage: npm run admin/);
    await assert.rejects(admin(['grant', 'nobody@example.com'], pool.server.url), {
      name: 'UserNotFoundException',
    });
  });

  it('keeps a client without credentials out of the admin script’s operation', async () => {
    const unsigned = poolClient(pool.server.url, { signer: { sign: async (request) => request } });
    await assertRefused(
      unsigned.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: 'someone' })),
      'MissingAuthenticationTokenException',
      /Missing Authentication Token/,
    );
    unsigned.destroy();
  });
});

describe('the not-emulated list', () => {
  it('names no operation the pool implements', async () => {
    const { operations } = await import('./operations/index.ts');
    const { notEmulatedOperations } = await import('./not-emulated.ts');
    assert.deepEqual(
      [...notEmulatedOperations].filter((name) => name in operations),
      [],
      'implemented now: remove it from local/cognito/not-emulated.ts',
    );
  });
});
