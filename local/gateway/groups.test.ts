/**
 * `cognito:groups` and the admin scope end to end: tokens from the local pool (with the pre token
 * generation trigger of api/triggers/), the gateway's REST Cognito authorizer and HTTP API JWT
 * authorizer, and the event each hands its handler — in the formats AWS uses.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminAddUserToGroupCommand,
  CreateGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { groups, scopes } from '../../api/pool.ts';
import { http, rest, type HandlerRef } from '../../api/routes.ts';
import { triggers } from '../../api/triggers/declaration.ts';
import { localClientIds } from '../cognito/pool-config.ts';
import {
  createConfirmedUser,
  passwordSignIn,
  poolId as UserPoolId,
  startTestPool,
  uniqueEmail,
  type TestPool,
} from '../cognito/testing/pool.ts';
import { startGateway, type Gateway } from './server.ts';
import { callAsSpa } from './testing/fixture.ts';

const echo: HandlerRef = { module: 'local/gateway/testing/handlers.ts', export: 'echo' };
const routes = [
  rest('restEcho', 'GET', '/rest/echo', echo, { type: 'cognito-user-pool', scopes: [] }),
  http('adminEcho', 'GET', '/admin/echo', echo, {
    type: 'jwt',
    audience: ['spa'],
    scopes: [scopes.admin],
  }),
];

interface Echoed {
  event: {
    requestContext: {
      authorizer: {
        claims?: Record<string, string>;
        jwt?: { claims: Record<string, string>; scopes: string[] };
      };
    };
  };
}

describe('cognito:groups and the admin scope through the local gateway', () => {
  let pool: TestPool;
  let gateway: Gateway;
  let admin: { IdToken: string; AccessToken: string };
  let member: { IdToken: string; AccessToken: string };
  before(async () => {
    // Only the pre token generation trigger: it needs no table.
    pool = await startTestPool({
      triggers: { handlers: { preTokenGeneration: triggers.preTokenGeneration } },
    });
    gateway = await startGateway({
      port: 0,
      routes,
      issuer: pool.server.issuer,
      jwksUri: pool.server.jwksUri,
      clientIds: localClientIds,
      allowedOrigins: ['http://localhost:4200'],
      log: () => undefined,
    });
    const adminEmail = uniqueEmail('gw-admin');
    const memberEmail = uniqueEmail('gw-member');
    await createConfirmedUser(pool, adminEmail);
    await createConfirmedUser(pool, memberEmail);
    await pool.sdk.send(
      new CreateGroupCommand({ UserPoolId, GroupName: 'writers', Precedence: 5 }),
    );
    for (const GroupName of ['writers', groups.admins.name])
      await pool.sdk.send(
        new AdminAddUserToGroupCommand({ UserPoolId, Username: adminEmail, GroupName }),
      );
    admin = await passwordSignIn(pool, adminEmail);
    member = await passwordSignIn(pool, memberEmail);
  });
  after(async () => {
    await gateway.close();
    await pool.stop();
  });

  it('REST Cognito authorizer: cognito:groups as one comma-separated string', async () => {
    const res = await callAsSpa(gateway.url, 'GET', '/rest/echo', admin.IdToken);
    assert.equal(res.status, 200);
    const claims = (res.body as unknown as Echoed).event.requestContext.authorizer.claims!;
    assert.equal(claims['cognito:groups'], 'admins,writers');
  });

  it('HTTP API JWT authorizer: cognito:groups as "[a b]" and the admin scope among the scopes', async () => {
    const res = await callAsSpa(gateway.url, 'GET', '/admin/echo', `Bearer ${admin.AccessToken}`);
    assert.equal(res.status, 200);
    const jwt = (res.body as unknown as Echoed).event.requestContext.authorizer.jwt!;
    assert.equal(jwt.claims['cognito:groups'], '[admins writers]');
    assert.ok(jwt.scopes.includes(scopes.admin));
  });

  it('refuses an access token without the admin scope with 403, and an ID token too', async () => {
    const forbidden = await callAsSpa(
      gateway.url,
      'GET',
      '/admin/echo',
      `Bearer ${member.AccessToken}`,
    );
    assert.equal(forbidden.status, 403);
    assert.deepEqual(forbidden.body, { message: 'Forbidden' });
    const idToken = await callAsSpa(gateway.url, 'GET', '/admin/echo', `Bearer ${admin.IdToken}`);
    // An ID token has the audience but no scope claim: the route's scope is missing.
    assert.equal(idToken.status, 403);
  });
});
