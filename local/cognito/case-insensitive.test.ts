/**
 * Case-insensitive user names (`UsernameConfiguration.CaseSensitive: false`, declared in
 * api/pool.ts) through the AWS SDK: sign-up, every sign-in flow, admin operations, forgotten
 * passwords and group membership find a user whatever the case typed; and the store's
 * migration that adds the indexed lookup column to an existing database.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminListGroupsForUserCommand,
  ConfirmForgotPasswordCommand,
  DescribeUserPoolCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  ListUsersInGroupCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { groups, userPool } from '../../api/pool.ts';
import { migrations } from './schema.ts';
import { PoolStore, type UserRecord } from './store.ts';
import {
  createConfirmedUser,
  passwordSignIn,
  poolId as UserPoolId,
  spaClientId,
  startSrp,
  startTestPool,
  strongPassword,
  type TestPool,
} from './testing/pool.ts';

/** A back-end client that allows ADMIN_USER_PASSWORD_AUTH (no declared client does). */
const serverClientId = 'testserverclient000000001';
let counter = 0;
/** A fresh address in mixed case. */
const mixedCaseEmail = () => `Alice.${process.pid}.${++counter}@Example.COM`;

describe('case-insensitive user names', () => {
  let pool: TestPool;
  before(async () => {
    pool = await startTestPool({
      clients: {
        [serverClientId]: {
          ...userPool.clients.spa,
          name: 'test-server',
          explicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        },
      },
    });
  });
  after(() => pool.stop());

  const adminGet = (Username: string) =>
    pool.sdk.send(new AdminGetUserCommand({ UserPoolId, Username }));

  it('the pool says so, as deployed', async () => {
    assert.equal(userPool.usernameCaseSensitive, false);
    const { UserPool } = await pool.sdk.send(new DescribeUserPoolCommand({ UserPoolId }));
    assert.deepEqual(UserPool?.UsernameConfiguration, { CaseSensitive: false });
  });

  it('a second sign-up in another case is UsernameExistsException; the address keeps its case', async () => {
    const email = mixedCaseEmail();
    const sub = await createConfirmedUser(pool, email);
    await assert.rejects(
      pool.sdk.send(
        new SignUpCommand({
          ClientId: spaClientId,
          Username: email.toLowerCase(),
          Password: strongPassword,
        }),
      ),
      { name: 'UsernameExistsException' },
    );
    for (const name of [email, email.toLowerCase(), email.toUpperCase(), sub, sub.toUpperCase()]) {
      const user = await adminGet(name);
      // The canonical username (the lower-case UUID) and the address as given.
      assert.equal(user.Username, sub, name);
      assert.equal(user.UserAttributes?.find((a) => a.Name === 'email')?.Value, email);
    }
  });

  it('signs in with password, SRP and AdminInitiateAuth in any case', async () => {
    const email = mixedCaseEmail();
    await createConfirmedUser(pool, email);
    const tokens = await passwordSignIn(pool, email.toUpperCase());
    const me = await pool.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    assert.equal(me.UserAttributes?.find((a) => a.Name === 'email')?.Value, email);

    const srp = await startSrp(pool, email.toLowerCase());
    assert.equal(srp.challenge.ChallengeName, 'PASSWORD_VERIFIER');
    assert.equal(srp.challenge.ChallengeParameters?.['USER_ID_FOR_SRP'], me.Username);

    const admin = await pool.sdk.send(
      new AdminInitiateAuthCommand({
        UserPoolId,
        ClientId: serverClientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: me.Username!.toUpperCase(), PASSWORD: strongPassword },
      }),
    );
    assert.ok(admin.AuthenticationResult?.AccessToken);
  });

  it('ForgotPassword and ConfirmForgotPassword in other cases', async () => {
    const email = mixedCaseEmail();
    await createConfirmedUser(pool, email);
    const sent = await pool.sdk.send(
      new ForgotPasswordCommand({ ClientId: spaClientId, Username: email.toUpperCase() }),
    );
    assert.equal(sent.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
    const newPassword = 'N3w-Passw0rd!x';
    await pool.sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: spaClientId,
        Username: email.toLowerCase(),
        ConfirmationCode: await pool.lastCode(email),
        Password: newPassword,
      }),
    );
    assert.ok((await passwordSignIn(pool, email, newPassword)).IdToken);
  });

  it('group membership is the same user whatever the case', async () => {
    const email = mixedCaseEmail();
    const sub = await createConfirmedUser(pool, email);
    await pool.sdk.send(
      new AdminAddUserToGroupCommand({
        UserPoolId,
        Username: sub.toUpperCase(),
        GroupName: groups.admins.name,
      }),
    );
    const listed = await pool.sdk.send(
      new AdminListGroupsForUserCommand({ UserPoolId, Username: email.toLowerCase() }),
    );
    assert.deepEqual(
      listed.Groups?.map((g) => g.GroupName),
      [groups.admins.name],
    );
    const members = await pool.sdk.send(
      new ListUsersInGroupCommand({ UserPoolId, GroupName: groups.admins.name }),
    );
    assert.ok(members.Users?.some((u) => u.Username === sub));
    // Tokens carry the group too.
    const { IdToken } = await passwordSignIn(pool, email.toUpperCase());
    const claims = JSON.parse(Buffer.from(IdToken.split('.')[1]!, 'base64url').toString()) as {
      'cognito:groups'?: string[];
    };
    assert.deepEqual(claims['cognito:groups'], [groups.admins.name]);
  });
});

describe('the username-key migration and a case-sensitive store', () => {
  const now = Date.UTC(2026, 0, 1);
  const user = (username: string, email: string): UserRecord => ({
    username,
    attributes: { sub: username, email, email_verified: 'true' },
    status: 'CONFIRMED',
    enabled: true,
    createdAt: now,
    updatedAt: now,
    password: undefined,
    extra: {},
  });

  it('backfills the lookup key of users stored before it existed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'username-key-'));
    try {
      // A database as the code before this migration left it, with one user in it.
      const old = new DatabaseSync(join(dir, 'pool.db'));
      old.exec(
        'CREATE TABLE schema_version (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT',
      );
      for (const migration of migrations.filter((m) => m.id !== 'users-2-username-key')) {
        migration.up(old);
        old.prepare('INSERT INTO schema_version VALUES (?, ?)').run(migration.id, now);
      }
      old.prepare(`INSERT INTO meta VALUES ('createdAt', ?)`).run(String(now));
      const name = randomUUID().toUpperCase();
      old
        .prepare(
          `INSERT INTO users (username, sub, email, status, enabled, created_at, updated_at, attributes)
           VALUES (?, ?, ?, 'CONFIRMED', 1, ?, ?, ?)`,
        )
        .run(name, name, 'old@example.com', now, now, JSON.stringify({ sub: name }));
      old.close();

      const store = await PoolStore.open(dir, now);
      try {
        assert.equal(store.findUser(name.toLowerCase())?.username, name);
        const plan = store.db
          .prepare(
            'EXPLAIN QUERY PLAN SELECT * FROM users WHERE username_key = ? ORDER BY seq LIMIT 1',
          )
          .all('x') as { detail: string }[];
        assert.ok(
          plan.some((step) => step.detail.includes('users_by_username_key')),
          JSON.stringify(plan),
        );
      } finally {
        store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a case-sensitive pool tells the cases apart (the email alias never does)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'username-case-'));
    const store = await PoolStore.open(dir, now, { usernameCaseSensitive: true });
    try {
      store.putUser(user('abc-1', 'one@example.com'));
      store.putUser(user('ABC-1', 'two@example.com'));
      assert.equal(store.findUser('abc-1')?.attributes['email'], 'one@example.com');
      assert.equal(store.findUser('ABC-1')?.attributes['email'], 'two@example.com');
      assert.equal(store.findUser('Abc-1'), undefined);
      assert.equal(store.findUser('ONE@example.com')?.username, 'abc-1');
    } finally {
      store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
