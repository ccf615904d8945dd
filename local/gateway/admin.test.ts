/**
 * The back office end to end: the local pool (with all triggers of api/triggers/, so admins'
 * access tokens carry the admin scope), the gateway serving api/routes.ts, the real handlers in
 * api/admin/ calling the pool's Admin… operations over HTTP with SigV4, and dynalite.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminAddUserToGroupCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { groups } from '../../api/pool.ts';
import { localClientIds } from '../cognito/pool-config.ts';
import {
  createConfirmedUser,
  passwordSignIn,
  poolId as UserPoolId,
  spaClientId,
  startTestPool,
  uniqueEmail,
  type TestPool,
} from '../cognito/testing/pool.ts';
import { startDynamoDb, type LocalDynamoDb } from '../dynamodb.ts';
import { localHandlerEnv, localTriggerEnv } from '../handler-env.ts';
import { startGateway, type Gateway } from './server.ts';
import { callAsSpa } from './testing/fixture.ts';

interface Listed {
  users: {
    username: string;
    email?: string;
    status: string;
    enabled: boolean;
    createdAt: string;
    groups: string[];
    isAdmin: boolean;
    noteCount: number;
  }[];
  nextCursor: string | null;
}

describe('the back office through the local gateway', () => {
  let pool: TestPool;
  let db: LocalDynamoDb;
  let gateway: Gateway;
  let adminEmail: string;
  let memberEmail: string;
  let memberSub: string;
  let admin: { AccessToken: string; IdToken: string };
  let member: { AccessToken: string; RefreshToken: string; IdToken: string };
  const call = (method: string, path: string, token: string) =>
    callAsSpa(gateway.url, method, path, `Bearer ${token}`);

  before(async () => {
    pool = await startTestPool();
    db = await startDynamoDb({ dataDir: pool.dataDir, port: 0 });
    await pool.stop();
    pool = await startTestPool({
      dataDir: pool.dataDir,
      triggers: { env: localTriggerEnv({ dynamodbEndpoint: db.endpoint }) },
    });
    gateway = await startGateway({
      port: 0,
      issuer: pool.server.issuer,
      jwksUri: pool.server.jwksUri,
      clientIds: localClientIds,
      allowedOrigins: ['http://localhost:4200'],
      handlerEnv: localHandlerEnv({
        dynamodbEndpoint: db.endpoint,
        issuer: pool.server.issuer,
        jwksUri: pool.server.jwksUri,
        cognitoEndpoint: pool.server.url,
      }),
      log: () => undefined,
    });
    adminEmail = uniqueEmail('bo-admin');
    memberEmail = uniqueEmail('bo-member');
    await createConfirmedUser(pool, adminEmail);
    memberSub = await createConfirmedUser(pool, memberEmail);
    await pool.sdk.send(
      new AdminAddUserToGroupCommand({
        UserPoolId,
        Username: adminEmail,
        GroupName: groups.admins.name,
      }),
    );
    admin = await passwordSignIn(pool, adminEmail);
    member = await passwordSignIn(pool, memberEmail);
  });
  after(async () => {
    await gateway.close();
    await pool.stop(true);
    await db.close();
  });

  it('lists users with status, enabled flag, groups and note count (the welcome note)', async () => {
    const res = await call('GET', '/admin/users?limit=60', admin.AccessToken);
    assert.equal(res.status, 200);
    const { users } = res.body as unknown as Listed;
    const listedMember = users.find((user) => user.email === memberEmail)!;
    assert.equal(listedMember.username, memberSub);
    assert.equal(listedMember.status, 'CONFIRMED');
    assert.equal(listedMember.enabled, true);
    assert.deepEqual(listedMember.groups, []);
    assert.equal(listedMember.noteCount, 1);
    assert.ok(!Number.isNaN(Date.parse(listedMember.createdAt)));
    const listedAdmin = users.find((user) => user.email === adminEmail)!;
    assert.deepEqual(listedAdmin.groups, [groups.admins.name]);
    assert.equal(listedAdmin.isAdmin, true);
  });

  it('pages with limit and cursor, and refuses a bad limit with 400', async () => {
    const first = await call('GET', '/admin/users?limit=1', admin.AccessToken);
    const page = first.body as unknown as Listed;
    assert.equal(page.users.length, 1);
    assert.ok(page.nextCursor);
    const second = await call(
      'GET',
      `/admin/users?limit=1&cursor=${encodeURIComponent(page.nextCursor)}`,
      admin.AccessToken,
    );
    assert.equal(second.status, 200);
    const next = second.body as unknown as Listed;
    assert.notEqual(next.users[0]!.username, page.users[0]!.username);
    const bad = await call('GET', '/admin/users?limit=1000', admin.AccessToken);
    assert.equal(bad.status, 400);
  });

  it("answers a non-administrator's access token, and an admin's ID token, with 403 and JSON", async () => {
    for (const [method, path] of [
      ['GET', '/admin/users'],
      ['POST', `/admin/users/${memberSub}/disable`],
      ['PUT', `/admin/users/${memberSub}/admin`],
    ] as const) {
      const res = await call(method, path, member.AccessToken);
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(typeof (res.body as { message?: unknown }).message, 'string');
    }
    assert.equal((await call('GET', '/admin/users', admin.IdToken)).status, 403);
  });

  it('makes and removes an administrator, refuses to demote or disable oneself', async () => {
    const made = await call('PUT', `/admin/users/${memberSub}/admin`, admin.AccessToken);
    assert.equal(made.status, 200);
    let listed = (await call('GET', '/admin/users?limit=60', admin.AccessToken))
      .body as unknown as Listed;
    assert.equal(listed.users.find((user) => user.username === memberSub)!.isAdmin, true);
    const removed = await call('DELETE', `/admin/users/${memberSub}/admin`, admin.AccessToken);
    assert.equal(removed.status, 200);
    listed = (await call('GET', '/admin/users?limit=60', admin.AccessToken))
      .body as unknown as Listed;
    assert.equal(listed.users.find((user) => user.username === memberSub)!.isAdmin, false);
    const adminSub = listed.users.find((user) => user.email === adminEmail)!.username;
    assert.equal(
      (await call('POST', `/admin/users/${adminSub}/disable`, admin.AccessToken)).status,
      409,
    );
    assert.equal(
      (await call('DELETE', `/admin/users/${adminSub}/admin`, admin.AccessToken)).status,
      409,
    );
    const unknown = await call('POST', '/admin/users/nobody-here/enable', admin.AccessToken);
    assert.equal(unknown.status, 404);
  });

  it('disables a user: their refresh fails, sign-in is refused; enable lets them back', async () => {
    const disabled = await call('POST', `/admin/users/${memberSub}/disable`, admin.AccessToken);
    assert.equal(disabled.status, 200);
    await assert.rejects(
      pool.sdk.send(
        new InitiateAuthCommand({
          ClientId: spaClientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: member.RefreshToken },
        }),
      ),
      { name: 'NotAuthorizedException' },
    );
    await assert.rejects(passwordSignIn(pool, memberEmail), {
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
    const listed = (await call('GET', '/admin/users?limit=60', admin.AccessToken))
      .body as unknown as Listed;
    assert.equal(listed.users.find((user) => user.username === memberSub)!.enabled, false);
    const enabled = await call('POST', `/admin/users/${memberSub}/enable`, admin.AccessToken);
    assert.equal(enabled.status, 200);
    assert.ok((await passwordSignIn(pool, memberEmail)).AccessToken);
  });
});
