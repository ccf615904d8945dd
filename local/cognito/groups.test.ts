/** Groups through the AWS SDK (and Amplify v6 for the token claim) against the local pool. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import {
  AdminAddUserToGroupCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { groups } from '../../api/pool.ts';
import {
  createConfirmedUser,
  passwordSignIn,
  poolId as UserPoolId,
  strongPassword,
  suitePool,
  uniqueEmail,
} from './testing/pool.ts';
import { assertRefused } from './testing/errors.ts';
import { configureAmplify } from './testing/amplify.ts';

describe('user-pool groups', () => {
  const pool = suitePool();

  it('has the declared admins group from the start, with its precedence and description', async () => {
    const { Group } = await pool.sdk.send(
      new GetGroupCommand({ UserPoolId, GroupName: groups.admins.name }),
    );
    assert.equal(Group?.GroupName, 'admins');
    assert.equal(Group?.Precedence, groups.admins.precedence);
    assert.equal(Group?.Description, groups.admins.description);
    assert.equal(Group?.UserPoolId, UserPoolId);
    assert.ok(Group?.CreationDate instanceof Date && Group.LastModifiedDate instanceof Date);
  });

  it('creates, reads, updates and deletes a group with Cognito members and errors', async () => {
    const created = await pool.sdk.send(
      new CreateGroupCommand({ UserPoolId, GroupName: 'editors', Description: 'Edit things' }),
    );
    assert.equal(created.Group?.GroupName, 'editors');
    assert.equal(created.Group?.Precedence, undefined);
    await assertRefused(
      pool.sdk.send(new CreateGroupCommand({ UserPoolId, GroupName: 'editors' })),
      'GroupExistsException',
    );
    await assertRefused(
      pool.sdk.send(new CreateGroupCommand({ UserPoolId, GroupName: 'bad name' })),
      'InvalidParameterException',
      /groupName/,
    );
    await assertRefused(
      pool.sdk.send(new CreateGroupCommand({ UserPoolId, GroupName: 'x', Precedence: -1 })),
      'InvalidParameterException',
      /precedence/,
    );
    await assertRefused(
      pool.sdk.send(new CreateGroupCommand({ UserPoolId: 'us-east-1_Other', GroupName: 'x' })),
      'ResourceNotFoundException',
    );

    const updated = await pool.sdk.send(
      new UpdateGroupCommand({ UserPoolId, GroupName: 'editors', Precedence: 5 }),
    );
    assert.equal(updated.Group?.Precedence, 5);
    assert.equal(updated.Group?.Description, 'Edit things', 'members not sent are kept');

    await pool.sdk.send(new DeleteGroupCommand({ UserPoolId, GroupName: 'editors' }));
    await assertRefused(
      pool.sdk.send(new GetGroupCommand({ UserPoolId, GroupName: 'editors' })),
      'ResourceNotFoundException',
      'Group not found.',
    );
    await assertRefused(
      pool.sdk.send(new DeleteGroupCommand({ UserPoolId, GroupName: 'editors' })),
      'ResourceNotFoundException',
    );
    await assertRefused(
      pool.sdk.send(new UpdateGroupCommand({ UserPoolId, GroupName: 'editors' })),
      'ResourceNotFoundException',
    );
  });

  it('pages ListGroups with Limit and NextToken, visiting each group once', async () => {
    for (const name of ['page-a', 'page-b', 'page-c'])
      await pool.sdk.send(new CreateGroupCommand({ UserPoolId, GroupName: name }));
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await pool.sdk.send(new ListGroupsCommand({ UserPoolId, Limit: 2, NextToken }));
      assert.ok((page.Groups ?? []).length <= 2);
      seen.push(...(page.Groups ?? []).map((group) => group.GroupName!));
      NextToken = page.NextToken;
      pages += 1;
    } while (NextToken);
    assert.ok(pages >= 2);
    assert.deepEqual(seen, [...new Set(seen)].sort());
    for (const name of ['admins', 'page-a', 'page-b', 'page-c']) assert.ok(seen.includes(name));
    await assertRefused(
      pool.sdk.send(new ListGroupsCommand({ UserPoolId, Limit: 61 })),
      'InvalidParameterException',
    );
    await assertRefused(
      pool.sdk.send(new ListGroupsCommand({ UserPoolId, NextToken: 'not-a-token' })),
      'InvalidParameterException',
    );
  });

  it('adds and removes members; tokens carry cognito:groups by precedence, omitted when empty', async () => {
    const email = uniqueEmail('member');
    const sub = await createConfirmedUser(pool, email);
    const before = await passwordSignIn(pool, email);
    assert.equal(decodeJwt(before.IdToken)['cognito:groups'], undefined);
    assert.equal(decodeJwt(before.AccessToken)['cognito:groups'], undefined);

    await pool.sdk.send(new CreateGroupCommand({ UserPoolId, GroupName: 'zeta', Precedence: 1 }));
    await pool.sdk.send(new CreateGroupCommand({ UserPoolId, GroupName: 'alpha' }));
    for (const GroupName of ['alpha', 'zeta', 'admins'])
      await pool.sdk.send(
        new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName }),
      );
    // Adding twice is not an error.
    await pool.sdk.send(
      new AdminAddUserToGroupCommand({ UserPoolId, Username: sub, GroupName: 'zeta' }),
    );

    const listed = await pool.sdk.send(
      new AdminListGroupsForUserCommand({ UserPoolId, Username: email }),
    );
    const order = ['admins', 'zeta', 'alpha']; // precedence 0, 1, then none
    assert.deepEqual(
      listed.Groups?.map((group) => group.GroupName),
      order,
    );
    const firstPage = await pool.sdk.send(
      new AdminListGroupsForUserCommand({ UserPoolId, Username: email, Limit: 2 }),
    );
    assert.equal(firstPage.Groups?.length, 2);
    const secondPage = await pool.sdk.send(
      new AdminListGroupsForUserCommand({
        UserPoolId,
        Username: email,
        Limit: 2,
        NextToken: firstPage.NextToken,
      }),
    );
    assert.deepEqual(
      secondPage.Groups?.map((group) => group.GroupName),
      ['alpha'],
    );
    assert.equal(secondPage.NextToken, undefined);

    const tokens = await passwordSignIn(pool, email);
    const id = decodeJwt(tokens.IdToken);
    const access = decodeJwt(tokens.AccessToken);
    assert.deepEqual(id['cognito:groups'], order);
    assert.deepEqual(access['cognito:groups'], order);
    assert.deepEqual(Object.keys(id).slice(0, 2), ['sub', 'cognito:groups']);
    assert.deepEqual(Object.keys(access).slice(0, 2), ['sub', 'cognito:groups']);

    const members = await pool.sdk.send(
      new ListUsersInGroupCommand({ UserPoolId, GroupName: 'zeta' }),
    );
    assert.deepEqual(
      members.Users?.map((user) => user.Username),
      [sub],
    );
    assert.equal(members.Users?.[0]?.UserStatus, 'CONFIRMED');

    await pool.sdk.send(
      new AdminRemoveUserFromGroupCommand({ UserPoolId, Username: email, GroupName: 'zeta' }),
    );
    await pool.sdk.send(new DeleteGroupCommand({ UserPoolId, GroupName: 'alpha' }));
    const after = await passwordSignIn(pool, email);
    assert.deepEqual(decodeJwt(after.IdToken)['cognito:groups'], ['admins']);

    await pool.sdk.send(new AdminDeleteUserCommand({ UserPoolId, Username: email }));
    const left = await pool.sdk.send(
      new ListUsersInGroupCommand({ UserPoolId, GroupName: 'admins' }),
    );
    assert.ok(!left.Users?.some((user) => user.Username === sub), 'a deleted user leaves groups');
  });

  it('refuses unknown groups and users on membership calls', async () => {
    const email = uniqueEmail('refused');
    await createConfirmedUser(pool, email);
    await assertRefused(
      pool.sdk.send(
        new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: 'nope' }),
      ),
      'ResourceNotFoundException',
      'Group not found.',
    );
    await assertRefused(
      pool.sdk.send(
        new AdminAddUserToGroupCommand({ UserPoolId, Username: 'ghost', GroupName: 'admins' }),
      ),
      'UserNotFoundException',
    );
    await assertRefused(
      pool.sdk.send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId, Username: 'ghost', GroupName: 'admins' }),
      ),
      'UserNotFoundException',
    );
    await assertRefused(
      pool.sdk.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: 'ghost' })),
      'UserNotFoundException',
    );
    await assertRefused(
      pool.sdk.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: 'nope' })),
      'ResourceNotFoundException',
    );
  });

  it('pages ListUsersInGroup', async () => {
    await pool.sdk.send(new CreateGroupCommand({ UserPoolId, GroupName: 'crowd' }));
    const subs: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const email = uniqueEmail('crowd');
      subs.push(await createConfirmedUser(pool, email));
      await pool.sdk.send(
        new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: 'crowd' }),
      );
    }
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await pool.sdk.send(
        new ListUsersInGroupCommand({ UserPoolId, GroupName: 'crowd', Limit: 2, NextToken }),
      );
      seen.push(...(page.Users ?? []).map((user) => user.Username!));
      NextToken = page.NextToken;
    } while (NextToken);
    assert.deepEqual(seen, [...subs].sort());
  });

  it('Amplify v6 sees cognito:groups in the ID and access tokens of its session', async () => {
    const email = uniqueEmail('amplify-admin');
    await createConfirmedUser(pool, email);
    await pool.sdk.send(
      new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: 'admins' }),
    );
    configureAmplify(pool);
    await signIn({ username: email, password: strongPassword });
    const { tokens } = await fetchAuthSession();
    assert.deepEqual(tokens?.idToken?.payload['cognito:groups'], ['admins']);
    assert.deepEqual(tokens?.accessToken.payload['cognito:groups'], ['admins']);
    await signOut();
  });
});
