import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestGateway, spaOrigin, type TestGateway } from './testing/fixture.ts';
import { tamperedToken, unsignedToken } from '../../api/testing/issuer.ts';
import { readScope, writeScope } from './testing/routes.ts';

let t: TestGateway;
before(async () => {
  t = await startTestGateway();
});
after(() => t.close());

const call = (method: string, path: string, authorization?: string) =>
  fetch(`${t.url}${path}`, {
    method,
    headers: { origin: spaOrigin, ...(authorization !== undefined ? { authorization } : {}) },
  });

async function expectInvalid(
  authorization: string | undefined,
  why: RegExp,
  description = 'the token is not valid',
) {
  const res = await call('POST', '/integrations/v1/echo', authorization);
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), { message: 'Unauthorized' });
  assert.match(t.logLines.at(-1)!, why);
  assert.equal(res.headers.get('access-control-allow-origin'), spaOrigin);
  assert.ok(res.headers.get('apigw-requestid'));
  if (authorization !== undefined) {
    assert.equal(
      res.headers.get('www-authenticate'),
      `Bearer scope="" error="invalid_token" error_description="${description}"`,
    );
  }
}

interface V2Echo {
  event: {
    version: string;
    routeKey: string;
    requestContext: {
      authorizer: { jwt: { claims: Record<string, string>; scopes: string[] | null } };
      requestId: string;
    };
  };
}

describe('HTTP API JWT authorizer', () => {
  it('lets a machine access token with the route scope through, with claims and scopes in payload 2.0', async () => {
    const res = await call(
      'POST',
      '/integrations/v1/echo',
      `Bearer ${await t.issuer.accessToken()}`,
    );
    assert.equal(res.status, 200);
    const { event } = (await res.json()) as V2Echo;
    assert.equal(event.version, '2.0');
    assert.equal(event.routeKey, 'POST /integrations/v1/echo');
    assert.equal(
      event.requestContext.authorizer.jwt.claims['client_id'],
      t.issuer.clientIds.machine,
    );
    assert.equal(typeof event.requestContext.authorizer.jwt.claims['exp'], 'string');
    assert.deepEqual(event.requestContext.authorizer.jwt.scopes, [writeScope]);
    assert.equal(res.headers.get('apigw-requestid'), event.requestContext.requestId);
  });

  it('accepts the raw token without "Bearer "', async () => {
    assert.equal(
      (await call('POST', '/integrations/v1/echo', await t.issuer.accessToken())).status,
      200,
    );
  });

  it('answers 403 with insufficient_scope when the token lacks the route scope', async () => {
    const res = await call('GET', '/integrations/v1/echo', await t.issuer.accessToken());
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { message: 'Forbidden' });
    assert.match(
      res.headers.get('www-authenticate')!,
      new RegExp(`error="insufficient_scope".*${readScope}`),
    );
    assert.equal(
      res.headers.get('access-control-allow-origin'),
      spaOrigin,
      'CORS headers on 403 too',
    );
  });

  it('accepts the scope from an `scp` array as well', async () => {
    const res = await call(
      'GET',
      '/integrations/v1/echo',
      await t.issuer.accessToken({ scope: undefined, scp: [readScope] }),
    );
    assert.equal(res.status, 200);
  });

  it('rejects a request without Authorization header', () =>
    expectInvalid(undefined, /no Authorization header/));
  it('rejects a garbage token', () => expectInvalid('Bearer garbage', /malformed/));
  it('rejects an alg:none token', () =>
    expectInvalid(
      unsignedToken(
        { kid: t.issuer.kid },
        {
          client_id: t.issuer.clientIds.machine,
          iss: t.issuer.issuer,
          scope: writeScope,
          exp: Math.floor(Date.now() / 1000) + 60,
        },
      ),
      /algorithm/,
    ));
  it('rejects a tampered token', async () =>
    expectInvalid(
      tamperedToken(await t.issuer.accessToken(), (c) => ({
        ...c,
        scope: `${writeScope} ${readScope}`,
      })),
      /bad-signature/,
    ));
  it('rejects an expired token', async () =>
    expectInvalid(
      await t.issuer.accessToken({}, Math.floor(Date.now() / 1000) - 7200),
      /expired/,
      'the token has expired',
    ));
  it('rejects a token that is not yet valid', async () =>
    expectInvalid(
      await t.issuer.accessToken({ nbf: Math.floor(Date.now() / 1000) + 300 }),
      /not-yet-valid/,
    ));
  it('rejects a token from another issuer', async () =>
    expectInvalid(await t.issuer.accessToken({ iss: `${t.issuer.issuer}x` }), /wrong-issuer/));
  it('rejects an access token of a client outside the audience (wrong client_id)', async () =>
    expectInvalid(
      await t.issuer.accessToken({ client_id: t.issuer.clientIds.spa }),
      /client_id not in audience/,
      'the token does not have a valid audience',
    ));
  it('judges aud, not client_id, when a token has both', async () =>
    expectInvalid(
      await t.issuer.accessToken({ aud: 'someone-else' }),
      /aud not in audience/,
      'the token does not have a valid audience',
    ));
  it('rejects an ID token of the SPA where the machine audience is required', async () =>
    expectInvalid(
      await t.issuer.idToken({ scope: writeScope }),
      /aud not in audience/,
      'the token does not have a valid audience',
    ));

  it('lets an ID token through a route whose audience includes its client and has no scopes (AWS does not check token_use)', async () => {
    const res = await call('GET', '/integrations/v1/plain/42', await t.issuer.idToken());
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { ok: true, path: '/integrations/v1/plain/42' });
  });
});
