/**
 * ListUsers' Filter, Limit, PaginationToken and AttributesToGet as AWS documents them, through
 * the AWS SDK; and the bounded window of a filter on an attribute no index covers (store level).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  ListUsersCommand,
  SignUpCommand,
  type ListUsersCommandInput,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { attributeScanWindow, PoolStore } from './store.ts';
import {
  poolId as UserPoolId,
  spaClientId,
  startTestPool,
  strongPassword,
  type TestPool,
} from './testing/pool.ts';

const run = `${process.pid}x${Date.now()}`;
const emailOf = (user: UserType) => user.Attributes?.find((a) => a.Name === 'email')?.Value;

describe('ListUsers filters', () => {
  let pool: TestPool;
  const people = {
    quoted: `quoted.${run}@example.com`,
    plain: `plain.${run}@example.com`,
    disabled: `disabled.${run}@example.com`,
    mixed: `Mixed.${run}@Example.COM`,
    pending: `pending.${run}@example.com`,
  };
  const subs: Record<string, string> = {};
  before(async () => {
    pool = await startTestPool();
    const given: Record<string, string> = {
      quoted: `Jo "JJ" ${run}`,
      plain: `Jo ${run}`,
      disabled: `Ann ${run}`,
      mixed: `Max ${run}`,
    };
    for (const key of ['quoted', 'plain', 'disabled', 'mixed'] as const) {
      const created = await pool.sdk.send(
        new AdminCreateUserCommand({
          UserPoolId,
          Username: people[key],
          TemporaryPassword: 'Temp-Passw0rd!',
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'given_name', Value: given[key]! },
            { Name: 'phone_number', Value: `+1555${key.length}000${run.length}` },
          ],
        }),
      );
      subs[key] = created.User!.Username!;
    }
    await pool.sdk.send(new AdminDisableUserCommand({ UserPoolId, Username: people.disabled }));
    await pool.sdk.send(
      new SignUpCommand({
        ClientId: spaClientId,
        Username: people.pending,
        Password: strongPassword,
      }),
    );
  });
  after(() => pool.stop());

  const list = async (input: Omit<ListUsersCommandInput, 'UserPoolId'>) =>
    (await pool.sdk.send(new ListUsersCommand({ UserPoolId, ...input }))).Users ?? [];
  const emails = async (Filter: string) => (await list({ Filter })).map(emailOf).sort();

  it('exact and prefix matches on an attribute, with escaped quotation marks, case-sensitive', async () => {
    assert.deepEqual(await emails(`given_name = "Jo \\"JJ\\" ${run}"`), [people.quoted]);
    assert.deepEqual(await emails(`given_name = "Jo ${run}"`), [people.plain]);
    assert.deepEqual(
      await emails(`given_name ^= "Jo "`).then((e) => e.filter(Boolean)),
      [people.plain, people.quoted].sort(),
    );
    assert.deepEqual(await emails(`given_name = "jo ${run}"`), []);
    // Spaces around the operator are optional.
    assert.deepEqual(await emails(`given_name="Jo ${run}"`), [people.plain]);
  });

  it('status is the enabled flag ("Enabled" / "Disabled"); cognito:user_status the account status', async () => {
    const disabled = await emails('status = "Disabled"');
    assert.ok(disabled.includes(people.disabled));
    assert.ok(!disabled.includes(people.plain));
    const enabled = await emails('status = "Enabled"');
    assert.ok(enabled.includes(people.plain) && !enabled.includes(people.disabled));
    assert.deepEqual(await emails('status = "disabled"'), [], 'status is case-sensitive');
    const pending = await list({ Filter: 'cognito:user_status = "unconfirmed"' });
    assert.ok(pending.length > 0 && pending.every((u) => u.UserStatus === 'UNCONFIRMED'));
    assert.ok(pending.map(emailOf).includes(people.pending));
    const invited = await list({ Filter: 'cognito:user_status = "FORCE_CHANGE_PASSWORD"' });
    assert.ok(invited.map(emailOf).includes(people.quoted));
  });

  it('sub, username (any case in this pool) and email (any case) find one user', async () => {
    assert.deepEqual(await emails(`sub = "${subs['mixed']}"`), [people.mixed]);
    assert.deepEqual(await emails(`username = "${subs['mixed']!.toUpperCase()}"`), [people.mixed]);
    assert.deepEqual(await emails(`username ^= "${subs['mixed']!.slice(0, 8)}"`), [people.mixed]);
    assert.deepEqual(await emails(`email = "${people.mixed.toLowerCase()}"`), [people.mixed]);
    assert.deepEqual(await emails(`email ^= "mixed.${run}"`), [people.mixed]);
    assert.deepEqual(await emails(`phone_number ^= "+1555"`).then((e) => e.length >= 4), true);
  });

  it('refuses attributes that are not searchable and filters it cannot parse', async () => {
    for (const [Filter, message] of [
      ['custom:tier = "gold"', 'Invalid search attribute: custom:tier'],
      ['address = "Main Street"', 'Invalid search attribute: address'],
      ['email = plain', 'Error while parsing filter.'],
      ['email contains "x"', 'Error while parsing filter.'],
      ['email = "a" and name = "b"', 'Error while parsing filter.'],
      ['email = "unterminated', 'Error while parsing filter.'],
    ] as const) {
      await assert.rejects(
        list({ Filter }),
        { name: 'InvalidParameterException', message },
        Filter,
      );
    }
    await assert.rejects(list({ Limit: 61 }), { name: 'InvalidParameterException' });
    await assert.rejects(list({ PaginationToken: '!!' }), { name: 'InvalidParameterException' });
  });

  it('pages with Limit and PaginationToken, and returns only AttributesToGet', async () => {
    const Filter = `given_name ^= "Jo "`;
    const first = await pool.sdk.send(new ListUsersCommand({ UserPoolId, Filter, Limit: 1 }));
    assert.equal(first.Users?.length, 1);
    assert.ok(first.PaginationToken);
    const second = await pool.sdk.send(
      new ListUsersCommand({
        UserPoolId,
        Filter,
        Limit: 1,
        PaginationToken: first.PaginationToken,
      }),
    );
    assert.equal(second.Users?.length, 1);
    assert.notEqual(emailOf(second.Users![0]!), emailOf(first.Users![0]!));
    const narrow = await list({ Filter: `sub = "${subs['plain']}"`, AttributesToGet: ['email'] });
    assert.deepEqual(narrow[0]?.Attributes, [{ Name: 'email', Value: people.plain }]);
  });
});

describe('an attribute filter reads a bounded window per request', () => {
  it('answers within the window, with a token to go on, and finds a match further on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'list-window-'));
    const store = await PoolStore.open(dir, 0);
    try {
      const total = attributeScanWindow + 200;
      store.transaction(() => {
        for (let i = 0; i < total; i++)
          store.putUser({
            username: `user-${i}`,
            attributes: { sub: `user-${i}`, family_name: i === total - 50 ? 'Rare' : 'Common' },
            status: 'CONFIRMED',
            enabled: true,
            createdAt: i,
            updatedAt: i,
            password: undefined,
            extra: {},
          });
      });
      const filter = { attribute: 'family_name', match: 'equals', value: 'Rare' } as const;
      const first = store.listUsers({ afterSeq: 0, limit: 60, filter });
      assert.deepEqual(first.users, [], 'no match in the first window');
      assert.equal(first.more, true);
      const second = store.listUsers({ afterSeq: first.lastSeq, limit: 60, filter });
      assert.deepEqual(
        second.users.map((u) => u.username),
        [`user-${total - 50}`],
      );
      assert.equal(second.more, false);
      // Indexed filters page through their index, never a window.
      const plan = store.db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT * FROM users WHERE seq > 0 AND enabled = 0 ORDER BY seq LIMIT 61',
        )
        .all() as { detail: string }[];
      assert.ok(
        plan.some((step) => step.detail.includes('users_by_enabled')),
        JSON.stringify(plan),
      );
    } finally {
      store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
