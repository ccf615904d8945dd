import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../testing/clock.ts';
import { spaOrigin, startTestGateway, type TestGateway } from './testing/fixture.ts';
import { invocations, lastEvent } from './testing/authorizer.ts';

const clock = new ManualClock();
let t: TestGateway;
let token = 0;
/** A token no earlier test used, so the cache starts empty for it. */
const fresh = (prefix: string) => `${prefix}${(token += 1)}`;

before(async () => {
  t = await startTestGateway({ clock });
});
after(() => t.close());

const call = (method: string, path: string, authorization?: string) =>
  fetch(`${t.url}${path}`, {
    method,
    headers: { origin: spaOrigin, ...(authorization !== undefined ? { authorization } : {}) },
  });

interface Echo {
  event: { requestContext: { authorizer: Record<string, unknown> } };
}

describe('REST Lambda TOKEN authorizer', () => {
  let callsBefore = 0;
  beforeEach(() => {
    callsBefore = invocations();
  });

  it('passes principalId and the context (as strings) to the handler when the policy allows the method', async () => {
    const res = await call('GET', '/custom/echo', fresh('allow-user'));
    assert.equal(res.status, 200);
    const { event } = (await res.json()) as Echo;
    const authorizer = event.requestContext.authorizer;
    assert.match(String(authorizer['principalId']), /^user\d+$/);
    assert.equal(authorizer['level'], '3');
    assert.equal(authorizer['admin'], 'true');
    assert.equal(typeof authorizer['integrationLatency'], 'number');
  });

  it('calls the authorizer with the TOKEN event: the header value and the method ARN', async () => {
    const authorization = fresh('allow-all-u');
    assert.equal((await call('GET', '/custom/echo', authorization)).status, 200);
    assert.equal(invocations() - callsBefore, 1);
    assert.deepEqual(lastEvent(), {
      type: 'TOKEN',
      authorizationToken: authorization,
      methodArn: 'arn:aws:execute-api:us-east-1:123456789012:l0ca1n0tes/local/GET/custom/echo',
    });
  });

  it('answers 401 without calling the authorizer when the header is missing', async () => {
    const res = await call('GET', '/custom/echo');
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { message: 'Unauthorized' });
    assert.equal(invocations(), callsBefore);
  });

  it('answers 401 when the authorizer fails with "Unauthorized"', async () => {
    const res = await call('GET', '/custom/echo', 'unauthorized');
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { message: 'Unauthorized' });
    assert.equal(res.headers.get('access-control-allow-origin'), spaOrigin);
  });

  it("answers 403 with AWS's explicit-deny message when the policy denies", async () => {
    const res = await call('GET', '/custom/echo', 'deny');
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), {
      Message: 'User is not authorized to access this resource with an explicit deny',
    });
    assert.equal(res.headers.get('x-amzn-errortype'), 'AccessDeniedException');
    assert.equal(res.headers.get('access-control-allow-origin'), spaOrigin);
  });

  it('answers 500 AuthorizerConfigurationException when the authorizer crashes, without leaking its error', async () => {
    const res = await call('GET', '/custom/echo', fresh('crash'));
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { message: null });
    assert.equal(res.headers.get('x-amzn-errortype'), 'AuthorizerConfigurationException');
  });

  it('answers 500 when the context holds an object, or the policy is missing', async () => {
    assert.equal((await call('GET', '/custom/echo', 'bad-context')).status, 500);
    assert.equal((await call('GET', '/custom/echo', 'no-policy')).status, 500);
  });

  it('caches the result per token for resultTtlSeconds, then asks again', async () => {
    const user = fresh('allow-cached');
    assert.equal((await call('GET', '/custom/echo', user)).status, 200);
    assert.equal((await call('GET', '/custom/echo', user)).status, 200);
    assert.equal(invocations() - callsBefore, 1, 'second request served from the cache');
    clock.advance(299_000);
    assert.equal((await call('GET', '/custom/echo', user)).status, 200);
    assert.equal(invocations() - callsBefore, 1, 'still cached just before the TTL');
    clock.advance(2_000);
    assert.equal((await call('GET', '/custom/echo', user)).status, 200);
    assert.equal(invocations() - callsBefore, 2, 'asked again after the TTL');
  });

  it('evaluates a cached policy against each method ARN, so a policy for GET denies DELETE (as on AWS)', async () => {
    const user = fresh('allow-narrow');
    assert.equal((await call('GET', '/custom/echo', user)).status, 200);
    const res = await call('DELETE', '/custom/echo', user);
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), {
      Message: 'User is not authorized to access this resource',
    });
    assert.equal(invocations() - callsBefore, 1);
  });

  it('a wildcard policy cached from one method allows the others', async () => {
    const user = fresh('allow-all-wide');
    assert.equal((await call('GET', '/custom/echo', user)).status, 200);
    assert.equal((await call('DELETE', '/custom/echo', user)).status, 200);
    assert.equal(invocations() - callsBefore, 1);
  });

  it('caches a Deny too', async () => {
    const first = await call('GET', '/custom/echo', 'deny');
    const second = await call('GET', '/custom/echo', 'deny');
    assert.equal(first.status, 403);
    assert.equal(second.status, 403);
    assert.ok(invocations() - callsBefore <= 1);
  });

  it('does not cache when resultTtlSeconds is 0', async () => {
    const user = fresh('allow-uncached');
    await call('GET', '/custom/uncached', user);
    await call('GET', '/custom/uncached', user);
    assert.equal(invocations() - callsBefore, 2);
  });
});
