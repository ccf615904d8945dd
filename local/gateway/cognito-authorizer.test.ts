import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { startTestGateway, spaOrigin, type TestGateway } from './testing/fixture.ts';
import { tamperedToken, unsignedToken } from '../../api/testing/issuer.ts';
import { readScope } from './testing/routes.ts';

let t: TestGateway;
before(async () => {
  t = await startTestGateway();
});
after(() => t.close());

const get = (path: string, authorization?: string, extra: Record<string, string> = {}) =>
  fetch(`${t.url}${path}`, {
    headers: { ...(authorization !== undefined ? { authorization } : {}), ...extra },
  });

/** Asserts AWS's 401 answer, and (from the access log) that it was refused for `why`. */
async function expectUnauthorized(
  authorization: string | undefined,
  why: RegExp,
  path = '/id/echo',
  message = 'Unauthorized',
) {
  const res = await get(path, authorization, { origin: spaOrigin });
  assert.equal(res.status, 401);
  assert.match(t.logLines.at(-1)!, why);
  assert.deepEqual(await res.json(), { message });
  assert.equal(res.headers.get('x-amzn-errortype'), 'UnauthorizedException');
  assert.equal(
    res.headers.get('access-control-allow-origin'),
    spaOrigin,
    'CORS headers on 401 too',
  );
  assert.ok(res.headers.get('x-amzn-requestid'));
}

interface EchoBody {
  event: { requestContext: { authorizer: { claims: Record<string, unknown> } } };
}

describe('REST Cognito user-pool authorizer (ID token when the route has no scopes)', () => {
  it('lets a valid ID token through and hands the handler its claims, every value a string', async () => {
    const now = Math.floor(Date.now() / 1000);
    const res = await get('/id/echo', await t.issuer.idToken({}, now));
    assert.equal(res.status, 200);
    const { event } = (await res.json()) as EchoBody;
    const claims = event.requestContext.authorizer.claims;
    assert.equal(claims['sub'], 'a1b2c3d4-0000-4000-8000-000000000001');
    assert.equal(claims['email'], 'ada@example.com');
    assert.equal(claims['email_verified'], 'true');
    assert.equal(claims['auth_time'], String(now));
    assert.equal(claims['cognito:groups'], 'admins,writers');
    assert.match(
      String(claims['exp']),
      /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$/,
    );
    assert.ok(Object.values(claims).every((value) => typeof value === 'string'));
  });

  it('accepts the token after "Bearer " as well', async () => {
    assert.equal((await get('/id/echo', `Bearer ${await t.issuer.idToken()}`)).status, 200);
  });

  it('rejects a request without Authorization header', () =>
    expectUnauthorized(undefined, /no Authorization header/));
  it('rejects an empty Authorization header', () =>
    expectUnauthorized('', /no Authorization header/));
  it('rejects a garbage token', () => expectUnauthorized('not-a-jwt', /malformed/));
  it('rejects three garbage segments', () => expectUnauthorized('aaa.bbb.ccc', /malformed/));

  it('rejects an alg:none token', async () => {
    const token = unsignedToken(
      { kid: t.issuer.kid, typ: 'JWT' },
      {
        sub: 'x',
        aud: t.issuer.clientIds.spa,
        token_use: 'id',
        iss: t.issuer.issuer,
        exp: Math.floor(Date.now() / 1000) + 60,
      },
    );
    await expectUnauthorized(token, /algorithm: alg none/);
  });

  it('rejects an HS256 token signed with the public key (key confusion)', async () => {
    const secret = new TextEncoder().encode(await t.issuer.publicKeyPem());
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({
      sub: 'x',
      aud: t.issuer.clientIds.spa,
      token_use: 'id',
      iss: t.issuer.issuer,
      iat: now,
      exp: now + 60,
    })
      .setProtectedHeader({ alg: 'HS256', kid: t.issuer.kid })
      .sign(secret);
    await expectUnauthorized(token, /algorithm: alg HS256/);
  });

  it('rejects a token whose payload was tampered with', async () => {
    const token = tamperedToken(await t.issuer.idToken(), (claims) => ({
      ...claims,
      sub: 'someone-else',
    }));
    await expectUnauthorized(token, /bad-signature/);
  });

  it('rejects a token with a bad signature', async () => {
    const token = await t.issuer.idToken();
    const [header, payload, signature] = token.split('.');
    const flipped = `${signature!.slice(0, 10)}${signature![10] === 'A' ? 'B' : 'A'}${signature!.slice(11)}`;
    await expectUnauthorized(`${header}.${payload}.${flipped}`, /bad-signature/);
  });

  it('rejects a token signed by a key with an unknown kid', async () => {
    const { generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('RS256');
    const claims = t.issuer.idClaims();
    await expectUnauthorized(
      await t.issuer.sign(claims, { kid: 'unknown-kid', key: privateKey }),
      /unknown-kid/,
    );
  });

  it('rejects a token signed by another key under the known kid', async () => {
    const { generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('RS256');
    const claims = t.issuer.idClaims();
    await expectUnauthorized(await t.issuer.sign(claims, { key: privateKey }), /bad-signature/);
  });

  it('rejects an expired token with "The incoming token has expired"', async () => {
    const twoHoursAgo = Math.floor(Date.now() / 1000) - 7200;
    await expectUnauthorized(
      await t.issuer.idToken({}, twoHoursAgo),
      /expired/,
      '/id/echo',
      'The incoming token has expired',
    );
  });

  it('rejects a token that is not yet valid (nbf in the future)', async () => {
    await expectUnauthorized(
      await t.issuer.idToken({ nbf: Math.floor(Date.now() / 1000) + 600 }),
      /not-yet-valid/,
    );
  });

  it('rejects a token issued in the future', async () => {
    await expectUnauthorized(
      await t.issuer.idToken({ iat: Math.floor(Date.now() / 1000) + 600 }),
      /issued-in-future/,
    );
  });

  it('rejects a token from another issuer', async () => {
    await expectUnauthorized(
      await t.issuer.idToken({
        iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other',
      }),
      /wrong-issuer/,
    );
  });

  it('rejects an ID token for a client that is not an app client of the pool (wrong aud)', async () => {
    await expectUnauthorized(
      await t.issuer.idToken({ aud: 'someotherclient00000000001' }),
      /aud someotherclient/,
    );
  });

  it('rejects an access token where an ID token is expected', async () => {
    await expectUnauthorized(
      await t.issuer.accessToken({
        client_id: t.issuer.clientIds.spa,
        scope: 'aws.cognito.signin.user.admin',
      }),
      /token_use access where id expected/,
    );
  });

  it('rejects an oversized Authorization header without parsing it', async () => {
    const token = await t.issuer.idToken({ padding: 'x'.repeat(9000) });
    await expectUnauthorized(token, /too-large/);
  });

  it('answers 431 as JSON when the header block exceeds the server limit', async () => {
    const res = await get('/id/echo', `x${'y'.repeat(20_000)}`);
    assert.equal(res.status, 431);
    assert.deepEqual(await res.json(), { message: 'Request Header Fields Too Large' });
  });

  it('never writes a token into the access log', async () => {
    const token = await t.issuer.idToken();
    await get('/id/echo', token);
    assert.ok(t.logLines.every((line) => !line.includes(token.split('.')[2]!)));
  });
});

describe('REST Cognito user-pool authorizer with scopes (access token)', () => {
  it('lets an access token with one of the scopes through', async () => {
    const res = await get(
      '/scoped/echo',
      await t.issuer.accessToken({ scope: `openid ${readScope}` }),
    );
    assert.equal(res.status, 200);
    const { event } = (await res.json()) as EchoBody;
    assert.equal(event.requestContext.authorizer.claims['scope'], `openid ${readScope}`);
  });

  it('rejects an access token without the scope with 401, as AWS documents', async () => {
    await expectUnauthorized(await t.issuer.accessToken(), /none of the scopes/, '/scoped/echo');
  });

  it('rejects an ID token where an access token is expected', async () => {
    await expectUnauthorized(
      await t.issuer.idToken({ scope: readScope }),
      /token_use id where access expected/,
      '/scoped/echo',
    );
  });

  it('rejects an access token of a client that is not in the pool (wrong client_id)', async () => {
    await expectUnauthorized(
      await t.issuer.accessToken({ client_id: 'someotherclient00000000001', scope: readScope }),
      /client_id someotherclient/,
      '/scoped/echo',
    );
  });
});

describe('JWKS fetching', () => {
  it('fetches the JWKS once and refetches on an unknown kid at most once per cooldown', async () => {
    const before = t.issuer.jwksFetches();
    const { generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('RS256');
    const claims = t.issuer.idClaims();
    for (let i = 0; i < 5; i += 1) {
      assert.equal(
        (await get('/id/echo', await t.issuer.sign(claims, { kid: `nope-${i}`, key: privateKey })))
          .status,
        401,
      );
    }
    assert.ok(
      t.issuer.jwksFetches() - before <= 1,
      `fetched ${t.issuer.jwksFetches() - before} times`,
    );
  });

  it('picks up a rotated key once the cooldown has passed', async () => {
    const rotating = await startTestGateway({ jwksCooldownMs: 0 });
    try {
      assert.equal(
        (
          await fetch(`${rotating.url}/id/echo`, {
            headers: { authorization: await rotating.issuer.idToken() },
          })
        ).status,
        200,
      );
      const newKey = await rotating.issuer.rotate('test-key-2');
      const claims = rotating.issuer.idClaims();
      const token = await rotating.issuer.sign(claims, { kid: 'test-key-2', key: newKey });
      assert.equal(
        (await fetch(`${rotating.url}/id/echo`, { headers: { authorization: token } })).status,
        200,
      );
      assert.equal(rotating.issuer.jwksFetches(), 2);
    } finally {
      await rotating.close();
    }
  });
});
