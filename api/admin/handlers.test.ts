import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { scopes } from '../pool.ts';
import { httpApiEvent, machineClaims } from '../testing/events.ts';
import { adminHandlers, groupsOf, type AdminClients } from './handlers.ts';

/** Clients that fail the test if a handler reaches AWS at all. */
const unreachable: AdminClients = {
  cognito: () => assert.fail('called Cognito'),
  dynamodb: () => assert.fail('called DynamoDB'),
};
const handlers = adminHandlers(unreachable);

describe('back office handlers', () => {
  it('reads cognito:groups as the HTTP API ("[a b]") and REST ("a,b") authorizers pass it', () => {
    assert.deepEqual(groupsOf('[admins writers]'), ['admins', 'writers']);
    assert.deepEqual(groupsOf('admins,writers'), ['admins', 'writers']);
    assert.deepEqual(groupsOf(undefined), []);
  });

  it('refuses a caller outside admins with 403 even when the scope got through (defence in depth)', async () => {
    for (const [name, handler] of Object.entries(handlers)) {
      const res = await handler(
        httpApiEvent({
          method: 'POST',
          path: '/admin/users',
          pathParameters: { username: randomUUID() },
          claims: { ...machineClaims([scopes.admin]), 'cognito:groups': '[writers]' },
          scopes: [scopes.admin],
        }),
      );
      assert.equal(res.statusCode, 403, name);
      assert.deepEqual(JSON.parse(res.body), {
        message: 'Only administrators may use the back office',
      });
    }
  });
});
