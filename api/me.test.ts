import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bodyOf, idTokenClaims, restEvent } from './testing/events.ts';
import { getMe, getMeFromAuthorizerContext } from './me.ts';

const sub = '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

describe('GET /me (Cognito user-pool authorizer)', () => {
  it('greets the caller by username and email and returns the claims it received', async () => {
    const claims = idTokenClaims(sub, 'ada@example.com');
    const answer = await getMe(restEvent({ method: 'GET', resource: '/me', authorizer: claims }));
    assert.equal(answer.statusCode, 200);
    assert.deepEqual(bodyOf(answer), {
      message: `Hello, ${sub} with email ada@example.com!`,
      claims,
    });
  });

  it('ignores the Authorization header: a forged token there changes nothing', async () => {
    const forged = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'mallory', email: 'm@evil.example' })).toString('base64url')}.`;
    const answer = await getMe(
      restEvent({
        method: 'GET',
        resource: '/me',
        headers: { Authorization: forged },
        authorizer: idTokenClaims(sub, 'ada@example.com'),
      }),
    );
    assert.match(bodyOf<{ message: string }>(answer).message, /ada@example\.com/);
    assert.doesNotMatch(answer.body, /mallory/);
  });

  it('401 when no authorizer claims reached the handler', async () => {
    const answer = await getMe(
      restEvent({ method: 'GET', resource: '/me', headers: { Authorization: 'anything' } }),
    );
    assert.deepEqual([answer.statusCode, bodyOf(answer)], [401, { message: 'Unauthorized' }]);
  });
});

describe('GET /custom/me (our Lambda TOKEN authorizer)', () => {
  it("greets the caller from the authorizer's context and returns that context", async () => {
    const context = { sub, email: 'ada@example.com', username: sub };
    const answer = await getMeFromAuthorizerContext(
      restEvent({
        method: 'GET',
        resource: '/custom/me',
        authorizer: context,
        authorizerKind: 'lambda',
      }),
    );
    assert.equal(answer.statusCode, 200);
    assert.deepEqual(bodyOf(answer), {
      message: `Hello, ${sub} with email ada@example.com!`,
      claims: { principalId: sub, ...context },
    });
  });

  it('401 without an authorizer context', async () => {
    const answer = await getMeFromAuthorizerContext(
      restEvent({ method: 'GET', resource: '/custom/me' }),
    );
    assert.equal(answer.statusCode, 401);
  });
});
