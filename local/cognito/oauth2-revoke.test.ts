/** POST /oauth2/revoke over HTTP: a refresh token's session ends, with RFC 7009's answers. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeUserPoolClientCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  createConfirmedUser,
  machineClientId,
  passwordSignIn,
  poolId,
  spaClientId,
  startTestPool,
  uniqueEmail,
  type TestPool,
} from './testing/pool.ts';

describe('POST /oauth2/revoke', () => {
  let pool: TestPool;
  let machineSecret: string;
  before(async () => {
    pool = await startTestPool();
    const described = await pool.sdk.send(
      new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: machineClientId }),
    );
    machineSecret = described.UserPoolClient!.ClientSecret!;
  });
  after(() => pool.stop());

  const revoke = async (
    form: Record<string, string>,
    authorization?: string,
  ): Promise<{ status: number; text: string }> => {
    const response = await fetch(`${pool.server.url}/oauth2/revoke`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(authorization ? { authorization } : {}),
      },
      body: new URLSearchParams(form),
    });
    return { status: response.status, text: await response.text() };
  };
  const basic = (id: string, secret: string): string =>
    `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

  it('revokes the refresh token and the access tokens issued from it; answers 200 with an empty body', async () => {
    const email = uniqueEmail('revoke-endpoint');
    await createConfirmedUser(pool, email);
    const tokens = await passwordSignIn(pool, email);
    const other = await passwordSignIn(pool, email);

    const revoked = await revoke({ token: tokens.RefreshToken, client_id: spaClientId });
    assert.equal(revoked.status, 200);
    assert.equal(revoked.text, '');

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
    await assert.rejects(pool.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken })), {
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    // Only that session ends: the user's other sign-in still works.
    const user = await pool.sdk.send(new GetUserCommand({ AccessToken: other.AccessToken }));
    assert.ok(user.Username);

    // Revoking again, or a token the pool never issued, is not an error (RFC 7009 §2.2).
    assert.equal(
      (await revoke({ token: tokens.RefreshToken, client_id: spaClientId })).status,
      200,
    );
    assert.equal((await revoke({ token: 'never-issued', client_id: spaClientId })).status, 200);
  });

  it('refuses a missing token, an access token, a bad client and another client’s token', async () => {
    const email = uniqueEmail('revoke-refused');
    await createConfirmedUser(pool, email);
    const tokens = await passwordSignIn(pool, email);
    const error = (answer: { status: number; text: string }) => ({
      status: answer.status,
      error: (JSON.parse(answer.text) as { error: string }).error,
    });

    assert.deepEqual(error(await revoke({ client_id: spaClientId })), {
      status: 400,
      error: 'invalid_request',
    });
    assert.deepEqual(error(await revoke({ token: tokens.AccessToken, client_id: spaClientId })), {
      status: 400,
      error: 'unsupported_token_type',
    });
    assert.deepEqual(error(await revoke({ token: tokens.RefreshToken })), {
      status: 400,
      error: 'invalid_client',
    });
    assert.deepEqual(
      error(await revoke({ token: tokens.RefreshToken, client_id: 'nosuchclient' })),
      { status: 400, error: 'invalid_client' },
    );
    // The machine client has a secret: without it, or with a wrong one, it is not authenticated.
    assert.deepEqual(
      error(await revoke({ token: tokens.RefreshToken, client_id: machineClientId })),
      { status: 400, error: 'invalid_client' },
    );
    assert.deepEqual(
      error(await revoke({ token: tokens.RefreshToken }, basic(machineClientId, 'wrong'))),
      { status: 400, error: 'invalid_client' },
    );
    // Authenticated with Basic, but the refresh token belongs to the SPA client.
    assert.deepEqual(
      error(await revoke({ token: tokens.RefreshToken }, basic(machineClientId, machineSecret))),
      { status: 400, error: 'invalid_request' },
    );
    // None of these refusals ended the session.
    const user = await pool.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    assert.ok(user.Username);
  });
});
