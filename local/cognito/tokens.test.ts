/** Issued tokens verify with jose and aws-jwt-verify against the pool's own discovery documents. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { CognitoJwtInvalidTokenUseError } from 'aws-jwt-verify/error';
import {
  createConfirmedUser,
  passwordSignIn,
  spaClientId,
  startTestPool,
  uniqueEmail,
  type TestPool,
} from './testing/pool.ts';

/**
 * aws-jwt-verify's Node fetcher speaks https only, so for the local http issuer it needs a fetcher
 * built on global fetch. This is the configuration the local gateway should use.
 */
function localVerifier(pool: TestPool, tokenUse: 'id' | 'access') {
  return JwtVerifier.create(
    {
      issuer: pool.server.issuer,
      jwksUri: pool.server.jwksUri,
      audience: null, // checked below as Cognito does: `aud` for ID tokens, `client_id` for access tokens
      customJwtCheck: ({ payload }) =>
        validateCognitoJwtFields(payload, { tokenUse, clientId: spaClientId }),
    },
    {
      jwksCache: new SimpleJwksCache({
        fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() },
      }),
    },
  );
}

describe('tokens', () => {
  let pool: TestPool;
  let tokens: {
    IdToken: string;
    AccessToken: string;
    RefreshToken: string;
    ExpiresIn: number;
    TokenType: string;
  };
  let sub: string;
  before(async () => {
    pool = await startTestPool();
    const email = uniqueEmail('tokens');
    sub = await createConfirmedUser(pool, email);
    tokens = await passwordSignIn(pool, email);
  });
  after(() => pool.stop());

  it('publishes openid-configuration and a JWKS with two RS256 keys', async () => {
    const config = (await (
      await fetch(`${pool.server.issuer}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    assert.equal(config['issuer'], pool.server.issuer);
    assert.equal(config['jwks_uri'], pool.server.jwksUri);
    assert.equal(config['token_endpoint'], `${pool.server.url}/oauth2/token`);
    const jwks = (await (await fetch(pool.server.jwksUri)).json()) as {
      keys: { kid: string; alg: string; use: string; kty: string }[];
    };
    assert.equal(jwks.keys.length, 2);
    for (const key of jwks.keys) {
      assert.deepEqual([key.alg, key.use, key.kty], ['RS256', 'sig', 'RSA']);
      assert.equal(key.kid.length, 44, 'Cognito-style 44-character base64 kid');
    }
  });

  it('signs ID and access tokens with different keys and a Cognito header', () => {
    const idHeader = decodeProtectedHeader(tokens.IdToken);
    const accessHeader = decodeProtectedHeader(tokens.AccessToken);
    assert.deepEqual(Object.keys(idHeader).sort(), ['alg', 'kid']);
    assert.equal(idHeader.alg, 'RS256');
    assert.notEqual(idHeader.kid, accessHeader.kid);
    assert.equal(tokens.ExpiresIn, 3600);
    assert.equal(tokens.TokenType, 'Bearer');
    assert.ok(
      tokens.RefreshToken.length > 40 && !tokens.RefreshToken.startsWith('eyJ'),
      'the refresh token is opaque',
    );
  });

  it('verifies with jose through the published JWKS, with Cognito claims', async () => {
    const jwks = createRemoteJWKSet(new URL(pool.server.jwksUri));
    const id = await jwtVerify(tokens.IdToken, jwks, {
      issuer: pool.server.issuer,
      audience: spaClientId,
    });
    assert.equal(id.payload.sub, sub);
    assert.equal(id.payload['cognito:username'], sub);
    assert.equal(id.payload['token_use'], 'id');
    assert.equal(id.payload['email_verified'], true);
    assert.equal(typeof id.payload['origin_jti'], 'string');
    assert.equal(id.payload.exp! - id.payload.iat!, 3600);

    const access = await jwtVerify(tokens.AccessToken, jwks, { issuer: pool.server.issuer });
    assert.equal(access.payload['token_use'], 'access');
    assert.equal(access.payload['client_id'], spaClientId);
    assert.equal(access.payload['username'], sub);
    assert.equal(access.payload['scope'], 'aws.cognito.signin.user.admin');
    assert.equal(access.payload.aud, undefined, 'access tokens carry client_id, not aud');
    assert.equal(access.payload['origin_jti'], id.payload['origin_jti']);
  });

  it('verifies with aws-jwt-verify (generic verifier + Cognito field checks)', async () => {
    const id = await localVerifier(pool, 'id').verify(tokens.IdToken);
    assert.equal(id.sub, sub);
    const access = await localVerifier(pool, 'access').verify(tokens.AccessToken);
    assert.equal(access['client_id'], spaClientId);
    await assert.rejects(
      localVerifier(pool, 'access').verify(tokens.IdToken),
      CognitoJwtInvalidTokenUseError,
    );
  });

  it('rejects a token whose signature was tampered with', async () => {
    const [header, payload, signature] = tokens.IdToken.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        sub: 'someone-else',
      }),
    ).toString('base64url');
    const jwks = createRemoteJWKSet(new URL(pool.server.jwksUri));
    await assert.rejects(jwtVerify(`${header}.${forged}.${signature}`, jwks), {
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });

  it('rotates keys: new tokens use a new kid, the old kid stays published so older tokens still verify', async () => {
    const before = decodeProtectedHeader(tokens.AccessToken).kid;
    const rotated = await pool.server.rotateKeys();
    const jwks = (await (await fetch(pool.server.jwksUri)).json()) as { keys: { kid: string }[] };
    const kids = jwks.keys.map((k) => k.kid);
    assert.equal(kids.length, 4);
    assert.ok(kids.includes(before!) && kids.includes(rotated.access) && kids.includes(rotated.id));

    const fresh = await passwordSignIn(pool, (await pool.mailbox())[0]!.to);
    assert.equal(decodeProtectedHeader(fresh.AccessToken).kid, rotated.access);
    assert.equal(decodeProtectedHeader(fresh.IdToken).kid, rotated.id);
    const remote = createRemoteJWKSet(new URL(pool.server.jwksUri));
    await jwtVerify(tokens.AccessToken, remote, { issuer: pool.server.issuer });
    await jwtVerify(fresh.AccessToken, remote, { issuer: pool.server.issuer });
  });
});
