import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HandlerRef } from '../../../api/routes.ts';
import { ManualClock } from '../../testing/clock.ts';
import { LambdaTokenAuthorizer, type InvokeAuthorizer } from './lambda-token.ts';

const fn = { module: 'api/authorizer/token.ts', export: 'handler' } as HandlerRef;
const methodArn = 'arn:aws:execute-api:us-east-1:123456789012:l0ca1n0tes/local/GET/custom/echo';

describe('LambdaTokenAuthorizer cache', () => {
  it('holds at most its bound of results however many distinct tokens arrive, oldest out first', async () => {
    const asked: string[] = [];
    const invoke: InvokeAuthorizer = async (_ref, event) => {
      asked.push(event.authorizationToken);
      return {
        principalId: 'user',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }],
        },
      };
    };
    const authorizer = new LambdaTokenAuthorizer(invoke, new ManualClock(), 3);
    for (let i = 0; i < 20; i += 1) {
      await authorizer.authorize(fn, 300, `token-${i}`, methodArn);
      assert.ok(authorizer.cachedResults <= 3, `${authorizer.cachedResults} results cached`);
    }
    assert.equal(authorizer.cachedResults, 3);
    // the newest is still served from the cache, the oldest was evicted and is asked again
    await authorizer.authorize(fn, 300, 'token-19', methodArn);
    assert.equal(asked.length, 20);
    await authorizer.authorize(fn, 300, 'token-0', methodArn);
    assert.equal(asked.length, 21);
    assert.equal(authorizer.cachedResults, 3);
  });
});
