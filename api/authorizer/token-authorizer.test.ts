import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair } from 'jose';
import {
  startTestIssuer,
  tamperedToken,
  unsignedToken,
  type TestIssuer,
} from '../testing/issuer.ts';
import { testApi, tokenAuthorizerEvent } from '../testing/events.ts';
import {
  createTokenAuthorizer,
  handler,
  tokenAuthorizerConfigFromEnv,
} from './token-authorizer.ts';

let issuer: TestIssuer;
let authorize: ReturnType<typeof createTokenAuthorizer>;
before(async () => {
  issuer = await startTestIssuer();
  authorize = createTokenAuthorizer({
    issuer: issuer.issuer,
    jwksUri: issuer.jwksUri,
    clientIds: [issuer.clientIds.spa],
    tokenUse: 'id',
  });
});
after(() => issuer.close());

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Asserts the API Gateway "Unauthorized" answer and returns the logged reason (the error class). */
async function rejectionReason(run: () => Promise<unknown>): Promise<string> {
  const logged: string[] = [];
  const original = console.warn;
  console.warn = (line: unknown) => {
    logged.push(String(line));
  };
  try {
    await assert.rejects(run(), (error: Error) => error.message === 'Unauthorized');
  } finally {
    console.warn = original;
  }
  assert.equal(logged.length, 1);
  assert.doesNotMatch(logged[0]!, /eyJ/, 'the token itself is never logged');
  return (JSON.parse(logged[0]!) as { reason: string }).reason;
}

async function assertUnauthorized(token: string, reason: string): Promise<void> {
  assert.equal(await rejectionReason(() => authorize(tokenAuthorizerEvent(token))), reason);
}

describe('token authorizer', () => {
  it('allows a valid ID token: principalId = sub, an Allow policy for the stage, and sub/email/username as context', async () => {
    const sub = '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c';
    const result = await authorize(
      tokenAuthorizerEvent(
        await issuer.idToken({ sub, 'cognito:username': sub }),
        'GET',
        'custom/me',
      ),
    );
    assert.deepEqual(result, {
      principalId: sub,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: 'Allow',
            // The whole stage, because API Gateway caches this answer per token for every route.
            Resource: `arn:aws:execute-api:${testApi.region}:${testApi.accountId}:${testApi.apiId}/${testApi.stage}/*`,
          },
        ],
      },
      context: { sub, email: 'ada@example.com', username: sub },
    });
  });

  it('accepts the token with a "Bearer " prefix', async () => {
    const result = await authorize(tokenAuthorizerEvent(`Bearer ${await issuer.idToken()}`));
    assert.equal(result.policyDocument.Statement[0]!.Effect, 'Allow');
  });

  it('fetches the JWKS once and reuses it', async () => {
    const before = issuer.jwksFetches();
    await authorize(tokenAuthorizerEvent(await issuer.idToken()));
    await authorize(tokenAuthorizerEvent(await issuer.idToken()));
    assert.ok(before <= 1);
    assert.equal(issuer.jwksFetches(), Math.max(before, 1));
  });

  describe('answers "Unauthorized" (API Gateway: 401) for', () => {
    it('no token', () => assertUnauthorized('', 'MissingTokenError'));
    it('garbage', () => assertUnauthorized('not-a-jwt', 'JwtParseError'));
    it('"Bearer " and nothing else', () => assertUnauthorized('Bearer ', 'MissingTokenError'));
    it('an oversized token', async () =>
      assertUnauthorized(
        await issuer.idToken({ padding: 'x'.repeat(20_000) }),
        'OversizedTokenError',
      ));

    it('alg "none"', () =>
      assertUnauthorized(unsignedToken({ kid: issuer.kid }, issuer.idClaims()), 'JwtParseError'));

    it('HS256 signed with the public key as the secret', async () => {
      const valid = await issuer.idToken();
      const [, payload] = valid.split('.');
      const header = b64url({ alg: 'HS256', kid: issuer.kid });
      const secret = JSON.stringify(issuer.publicJwk);
      const signature = createHmac('sha256', secret)
        .update(`${header}.${payload}`)
        .digest('base64url');
      await assertUnauthorized(
        `${header}.${payload}.${signature}`,
        'JwtInvalidSignatureAlgorithmError',
      );
    });

    it('a tampered payload', async () => {
      await assertUnauthorized(
        tamperedToken(await issuer.idToken(), (claims) => ({ ...claims, sub: 'someone-else' })),
        'JwtInvalidSignatureError',
      );
    });

    it('a signature by another key under the same kid', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      await assertUnauthorized(
        await issuer.sign(issuer.idClaims(), { key: privateKey }),
        'JwtInvalidSignatureError',
      );
    });

    it('an unknown kid', async () =>
      assertUnauthorized(
        await issuer.sign(issuer.idClaims(), { kid: 'rotated-away' }),
        'KidNotFoundInJwksError',
      ));
    it('no kid', async () =>
      assertUnauthorized(
        await issuer.sign(issuer.idClaims(), { kid: null }),
        'JwtWithoutValidKidError',
      ));

    it('an expired token', async () => {
      const now = Math.floor(Date.now() / 1000);
      await assertUnauthorized(
        await issuer.idToken({ iat: now - 7200, exp: now - 3600 }),
        'JwtExpiredError',
      );
    });

    it('a token without exp', async () =>
      assertUnauthorized(await issuer.idToken({ exp: undefined }), 'MissingClaimError'));

    it('a token not yet valid (nbf in the future)', async () => {
      await assertUnauthorized(
        await issuer.idToken({ nbf: Math.floor(Date.now() / 1000) + 600 }),
        'JwtNotBeforeError',
      );
    });

    it('a wrong iss', async () =>
      assertUnauthorized(
        await issuer.idToken({
          iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other',
        }),
        'JwtInvalidIssuerError',
      ));
    it('a wrong aud (another app client)', async () =>
      assertUnauthorized(
        await issuer.idToken({ aud: 'someotherclient' }),
        'CognitoJwtInvalidClientIdError',
      ));

    it('an access token where an ID token is expected', async () => {
      await assertUnauthorized(
        await issuer.idToken({
          token_use: 'access',
          aud: undefined,
          client_id: issuer.clientIds.spa,
          scope: 'aws.cognito.signin.user.admin',
          email: undefined,
        }),
        'CognitoJwtInvalidTokenUseError',
      );
    });

    it('a token without token_use', async () =>
      assertUnauthorized(
        await issuer.idToken({ token_use: undefined }),
        'CognitoJwtInvalidTokenUseError',
      ));
  });

  it('with JWT_TOKEN_USE=access accepts access tokens (client_id) and refuses ID tokens', async () => {
    const accessOnly = createTokenAuthorizer({
      issuer: issuer.issuer,
      jwksUri: issuer.jwksUri,
      clientIds: [issuer.clientIds.spa],
      tokenUse: 'access',
    });
    const access = await issuer.idToken({
      token_use: 'access',
      aud: undefined,
      client_id: issuer.clientIds.spa,
      email: undefined,
    });
    assert.equal(
      (await accessOnly(tokenAuthorizerEvent(access))).policyDocument.Statement[0]!.Effect,
      'Allow',
    );
    const id = await issuer.idToken();
    assert.equal(
      await rejectionReason(() => accessOnly(tokenAuthorizerEvent(id))),
      'CognitoJwtInvalidTokenUseError',
    );
  });

  it('refuses to load a JWKS over plain http from a host that is not loopback', async () => {
    const remote = createTokenAuthorizer({
      issuer: issuer.issuer,
      jwksUri: 'http://example.com/.well-known/jwks.json',
      clientIds: [issuer.clientIds.spa],
      tokenUse: 'id',
    });
    const token = await issuer.idToken();
    assert.equal(
      await rejectionReason(() => remote(tokenAuthorizerEvent(token))),
      'NonRetryableFetchError',
    );
  });

  describe('configuration from the environment', () => {
    it('reads JWT_ISSUER, JWT_CLIENT_IDS, JWT_TOKEN_USE and derives the JWKS URI', () => {
      assert.deepEqual(
        tokenAuthorizerConfigFromEnv({
          JWT_ISSUER: 'http://localhost:9229/us-east-1_X/',
          JWT_CLIENT_IDS: 'a, b',
        }),
        {
          issuer: 'http://localhost:9229/us-east-1_X',
          jwksUri: 'http://localhost:9229/us-east-1_X/.well-known/jwks.json',
          clientIds: ['a', 'b'],
          tokenUse: 'id',
        },
      );
      assert.throws(() => tokenAuthorizerConfigFromEnv({ JWT_CLIENT_IDS: 'a' }), /JWT_ISSUER/);
      assert.throws(
        () => tokenAuthorizerConfigFromEnv({ JWT_ISSUER: 'https://x' }),
        /JWT_CLIENT_IDS/,
      );
      assert.throws(
        () =>
          tokenAuthorizerConfigFromEnv({
            JWT_ISSUER: 'https://x',
            JWT_CLIENT_IDS: 'a',
            JWT_TOKEN_USE: 'refresh',
          }),
        /JWT_TOKEN_USE/,
      );
    });

    it('the exported handler verifies with the configuration in the environment', async () => {
      process.env['JWT_ISSUER'] = issuer.issuer;
      process.env['JWT_CLIENT_IDS'] = issuer.clientIds.spa;
      try {
        const result = await handler(tokenAuthorizerEvent(await issuer.idToken()));
        assert.equal(result.policyDocument.Statement[0]!.Effect, 'Allow');
        assert.equal(
          await rejectionReason(() => handler(tokenAuthorizerEvent('garbage'))),
          'JwtParseError',
        );
      } finally {
        delete process.env['JWT_ISSUER'];
        delete process.env['JWT_CLIENT_IDS'];
      }
    });
  });
});
