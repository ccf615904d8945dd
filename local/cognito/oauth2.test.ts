/** POST /oauth2/token (client_credentials, refresh_token) and GET /oauth2/userInfo, RFC 6749 errors. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT, createRemoteJWKSet, importJWK, jwtVerify, type JWK } from 'jose';
import { DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { scopes } from '../../api/pool.ts';
import {
  createConfirmedUser,
  machineClientId,
  passwordSignIn,
  spaClientId,
  startTestPool,
  uniqueEmail,
  type TestPool,
} from './testing/pool.ts';

describe('OAuth 2.0 endpoints', () => {
  let pool: TestPool;
  let secret: string;
  before(async () => {
    pool = await startTestPool();
    const described = await pool.sdk.send(
      new DescribeUserPoolClientCommand({
        UserPoolId: pool.server.poolId,
        ClientId: machineClientId,
      }),
    );
    secret = described.UserPoolClient!.ClientSecret!;
  });
  after(() => pool.stop());

  const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${pool.server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  const basic = (id: string, key: string) => ({
    authorization: `Basic ${Buffer.from(`${id}:${key}`).toString('base64')}`,
  });
  const errorOf = async (response: Response) => {
    assert.equal(response.status, 400);
    return ((await response.json()) as { error: string }).error;
  };

  it("issues a client_credentials access token with Basic auth and all the client's scopes by default", async () => {
    const response = await token(
      { grant_type: 'client_credentials' },
      basic(machineClientId, secret),
    );
    assert.equal(response.status, 200);
    const body = (await response.json()) as {
      access_token: string;
      token_type: string;
      expires_in: number;
      refresh_token?: string;
      id_token?: string;
    };
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3600);
    assert.equal(body.refresh_token, undefined);
    assert.equal(body.id_token, undefined);
    const { payload } = await jwtVerify(
      body.access_token,
      createRemoteJWKSet(new URL(pool.server.jwksUri)),
      { issuer: pool.server.issuer },
    );
    assert.equal(payload.sub, machineClientId);
    assert.equal(payload['client_id'], machineClientId);
    assert.equal(payload['token_use'], 'access');
    assert.equal(payload['scope'], scopes.notesWrite);
    assert.equal(payload['username'], undefined, 'machine tokens have no username');
    assert.equal(payload['version'], 2);
  });

  it('accepts the secret in the form body and a requested allowed scope', async () => {
    const response = await token({
      grant_type: 'client_credentials',
      client_id: machineClientId,
      client_secret: secret,
      scope: scopes.notesWrite,
    });
    assert.equal(response.status, 200);
  });

  it('answers invalid_scope for a scope the client is not allowed', async () => {
    assert.equal(
      await errorOf(
        await token(
          { grant_type: 'client_credentials', scope: scopes.notesRead },
          basic(machineClientId, secret),
        ),
      ),
      'invalid_scope',
    );
  });

  it('answers invalid_client for a wrong secret, an unknown client, or no credentials', async () => {
    assert.equal(
      await errorOf(
        await token({ grant_type: 'client_credentials' }, basic(machineClientId, 'wrong')),
      ),
      'invalid_client',
    );
    assert.equal(
      await errorOf(await token({ grant_type: 'client_credentials' }, basic('nobody', 'x'))),
      'invalid_client',
    );
    assert.equal(
      await errorOf(await token({ grant_type: 'client_credentials' })),
      'invalid_client',
    );
  });

  it('answers 400 invalid_client for Basic credentials that are not valid percent-encoding', async () => {
    for (const credentials of ['%E0%A4%A:secret', `${machineClientId}:%zz`]) {
      const response = await token(
        { grant_type: 'client_credentials' },
        { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
      );
      assert.equal(response.status, 400);
      assert.deepEqual(await response.json(), {
        error: 'invalid_client',
        error_description: 'Malformed Basic credentials: invalid percent-encoding',
      });
    }
  });

  it('answers unauthorized_client when the client may not use the grant', async () => {
    assert.equal(
      await errorOf(await token({ grant_type: 'client_credentials', client_id: spaClientId })),
      'unauthorized_client',
    );
  });

  it('answers unsupported_grant_type and invalid_request', async () => {
    assert.equal(
      await errorOf(await token({ grant_type: 'password' }, basic(machineClientId, secret))),
      'unsupported_grant_type',
    );
    assert.equal(await errorOf(await token({}, basic(machineClientId, secret))), 'invalid_request');
    const json = await fetch(`${pool.server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(await errorOf(json), 'invalid_request');
  });

  it('refreshes user tokens with the refresh_token grant; a revoked or unknown token is invalid_grant', async () => {
    const email = uniqueEmail('oauth-refresh');
    await createConfirmedUser(pool, email);
    const tokens = await passwordSignIn(pool, email);
    const response = await token({
      grant_type: 'refresh_token',
      client_id: spaClientId,
      refresh_token: tokens.RefreshToken,
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { id_token: string; access_token: string };
    assert.ok(body.id_token && body.access_token);
    assert.equal(
      await errorOf(
        await token({
          grant_type: 'refresh_token',
          client_id: spaClientId,
          refresh_token: randomUUID(),
        }),
      ),
      'invalid_grant',
    );
  });

  describe('userInfo', () => {
    it('refuses a request without a bearer token with 400 invalid_request', async () => {
      const response = await fetch(`${pool.server.url}/oauth2/userInfo`);
      assert.equal(response.status, 400);
      assert.match(response.headers.get('www-authenticate') ?? '', /invalid_request/);
    });

    it('refuses user-pools API tokens (no openid scope) and machine tokens with 401 invalid_token, as Cognito does', async () => {
      const email = uniqueEmail('userinfo');
      await createConfirmedUser(pool, email);
      const { AccessToken } = await passwordSignIn(pool, email);
      const machine = (
        (await (
          await token({ grant_type: 'client_credentials' }, basic(machineClientId, secret))
        ).json()) as { access_token: string }
      ).access_token;
      for (const bearer of [AccessToken, machine, 'garbage']) {
        const response = await fetch(`${pool.server.url}/oauth2/userInfo`, {
          headers: { authorization: `Bearer ${bearer}` },
        });
        assert.equal(response.status, 401);
        assert.match(response.headers.get('www-authenticate') ?? '', /invalid_token/);
      }
    });

    it("answers the user's claims for an access token with the openid scope (as the hosted UI would issue)", async () => {
      const email = uniqueEmail('userinfo-ok');
      const sub = await createConfirmedUser(pool, email);
      // No hosted UI locally: sign such a token with the pool's own access-token key from its data folder.
      const keys = JSON.parse(
        await readFile(join(pool.dataDir, 'cognito', 'keys.json'), 'utf8'),
      ) as {
        signing: { kid: string; purpose: string; privateJwk: JWK; retiredAt?: number }[];
      };
      const key = keys.signing.findLast(
        (k) => k.purpose === 'access' && k.retiredAt === undefined,
      )!;
      const now = Math.floor(Date.now() / 1000);
      const accessToken = await new SignJWT({
        sub,
        token_use: 'access',
        scope: 'openid email',
        client_id: spaClientId,
        username: sub,
        auth_time: now,
      })
        .setProtectedHeader({ kid: key.kid, alg: 'RS256' })
        .setIssuer(pool.server.issuer)
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(await importJWK(key.privateJwk, 'RS256'));
      const response = await fetch(`${pool.server.url}/oauth2/userInfo`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), {
        sub,
        username: sub,
        email_verified: 'true',
        email,
      });
    });
  });
});
