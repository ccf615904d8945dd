import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { declaredGrantTexts, handlerKey, performedGrants, restrictTo } from './access.ts';
import { addNoteForUser, listNotesOfUser } from './integrations/handlers.ts';
import {
  createNote,
  deleteNote,
  getNote,
  listNotes,
  searchNotes,
  updateNote,
} from './notes/handlers.ts';
import { newNoteId } from './notes/note-id.ts';
import { handler as postConfirmation } from './triggers/post-confirmation.ts';
import { notesTable } from './notes/table.ts';
import { cursorKeysFor } from './notes/cursor-keys.ts';
import { documentClientFromEnv } from './notes/store.ts';
import { scopes } from './pool.ts';
import { declaredHandlers, type HandlerRef } from './routes.ts';
import { addAdmin, disableUser, enableUser, listUsers, removeAdmin } from './admin/handlers.ts';
import { startFakeCognito, type FakeCognito } from './testing/cognito.ts';
import { startTestDynamoDb, useTestDynamoDb, type TestDynamoDb } from './testing/dynamodb.ts';
import { httpApiEvent, idTokenClaims, machineClaims, restEvent } from './testing/events.ts';

let db: TestDynamoDb;
let cognito: FakeCognito;
before(async () => {
  db = await startTestDynamoDb();
  useTestDynamoDb(db);
  cognito = await startFakeCognito([{ Username: randomUUID(), sub: randomUUID() }]);
  process.env['COGNITO_ENDPOINT'] = cognito.endpoint;
  process.env['USER_POOL_ID'] = 'us-east-1_Example';
  process.env['AWS_ACCESS_KEY_ID'] ??= 'local';
  process.env['AWS_SECRET_ACCESS_KEY'] ??= 'local';
});
after(async () => {
  await db.close();
  await cognito.close();
});

type Answer = Promise<{ statusCode: number; body: string }>;
const as = (sub: string) => idTokenClaims(sub);

/**
 * Drives each handler through every branch that touches AWS (including the failure paths that
 * read back), through its real export and so its real, restricted clients. A handler that
 * declares access and has no scenario here fails the first test below.
 */
const scenarios: Record<string, () => Promise<number[]>> = {
  'api/notes/handlers.ts#createNote': async () => {
    const sub = randomUUID();
    const body = { noteId: newNoteId(), content: 'once' };
    const create = (): Answer =>
      createNote(restEvent({ method: 'POST', resource: '/notes', body, authorizer: as(sub) }));
    // The retry with the same noteId is the same conditional update, answered without a read.
    return [(await create()).statusCode, (await create()).statusCode];
  },
  'api/notes/handlers.ts#listNotes': async () => {
    // Two notes and a page of one: the next cursor is signed, then verified on the next page.
    const sub = randomUUID();
    for (const content of ['one', 'two'])
      await createNote(
        restEvent({ method: 'POST', resource: '/notes', body: { content }, authorizer: as(sub) }),
      );
    const list = (query: Record<string, string>) =>
      listNotes(restEvent({ method: 'GET', resource: '/notes', query, authorizer: as(sub) }));
    const first = await list({ limit: '1' });
    const { nextCursor } = JSON.parse(first.body) as { nextCursor: string };
    return [first.statusCode, (await list({ limit: '1', cursor: nextCursor })).statusCode];
  },
  'api/notes/handlers.ts#searchNotes': async () => {
    // Two matches and a page of one: the next cursor is signed, then verified on the next page.
    const sub = randomUUID();
    for (const content of ['find one', 'find two'])
      await createNote(
        restEvent({ method: 'POST', resource: '/notes', body: { content }, authorizer: as(sub) }),
      );
    const search = (query: Record<string, string>) =>
      searchNotes(
        restEvent({ method: 'GET', resource: '/notes/search', query, authorizer: as(sub) }),
      );
    const first = await search({ q: 'find', limit: '1' });
    const { nextCursor } = JSON.parse(first.body) as { nextCursor: string };
    return [
      first.statusCode,
      (await search({ q: 'find', limit: '1', cursor: nextCursor })).statusCode,
    ];
  },
  'api/notes/handlers.ts#getNote': async () => [
    (
      await getNote(
        restEvent({
          method: 'GET',
          resource: '/notes/{noteId}',
          pathParameters: { noteId: newNoteId() },
          authorizer: as(randomUUID()),
        }),
      )
    ).statusCode,
  ],
  'api/notes/handlers.ts#updateNote': async () => [
    // A failed condition reads the note to tell 404 from 412.
    (
      await updateNote(
        restEvent({
          method: 'PUT',
          resource: '/notes/{noteId}',
          pathParameters: { noteId: newNoteId() },
          body: { content: 'x', version: 1 },
          authorizer: as(randomUUID()),
        }),
      )
    ).statusCode,
  ],
  'api/notes/handlers.ts#deleteNote': async () => [
    (
      await deleteNote(
        restEvent({
          method: 'DELETE',
          resource: '/notes/{noteId}',
          pathParameters: { noteId: newNoteId() },
          authorizer: as(randomUUID()),
        }),
      )
    ).statusCode,
  ],
  'api/integrations/handlers.ts#addNoteForUser': async () => {
    const body = { userId: randomUUID(), noteId: newNoteId(), content: 'from a CRM' };
    const add = (): Answer =>
      addNoteForUser(
        httpApiEvent({
          method: 'POST',
          path: '/integrations/v1/notes',
          body,
          claims: machineClaims([scopes.notesWrite]),
          scopes: [scopes.notesWrite],
        }),
      );
    return [(await add()).statusCode, (await add()).statusCode];
  },
  'api/triggers/post-confirmation.ts#handler': async () => {
    const sub = randomUUID();
    const event = {
      version: '1',
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      region: 'us-east-1',
      userPoolId: 'us-east-1_Example',
      userName: sub,
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client' },
      request: { userAttributes: { sub, email: 'new@example.com' } },
      response: {},
    } as const;
    // Cognito may retry the trigger: the second run reads the welcome note back.
    await postConfirmation(event);
    await postConfirmation(event);
    return [200, 200];
  },
  'api/integrations/handlers.ts#listNotesOfUser': async () => {
    const userId = randomUUID();
    for (const content of ['one', 'two'])
      await addNoteForUser(
        httpApiEvent({
          method: 'POST',
          path: '/integrations/v1/notes',
          body: { userId, content },
          claims: machineClaims([scopes.notesWrite]),
          scopes: [scopes.notesWrite],
        }),
      );
    const list = (query: Record<string, string>) =>
      listNotesOfUser(
        httpApiEvent({
          method: 'GET',
          path: '/integrations/v1/notes',
          query: { userId, ...query },
          claims: machineClaims([scopes.notesRead]),
          scopes: [scopes.notesRead],
        }),
      );
    const first = await list({ limit: '1' });
    const { nextCursor } = JSON.parse(first.body) as { nextCursor: string };
    return [first.statusCode, (await list({ limit: '1', cursor: nextCursor })).statusCode];
  },
  ...Object.fromEntries(
    Object.entries({ listUsers, disableUser, enableUser, addAdmin, removeAdmin }).map(
      ([name, handler]) => [
        `api/admin/handlers.ts#${name}`,
        async () => [
          (
            await handler(
              httpApiEvent({
                method: 'POST',
                path: '/admin/users/someone',
                pathParameters: { username: randomUUID() },
                claims: { ...machineClaims([scopes.admin]), 'cognito:groups': '[admins]' },
                scopes: [scopes.admin],
              }),
            )
          ).statusCode,
        ],
      ],
    ),
  ),
};

describe('declared access (api/routes.ts) against what the handlers really do', () => {
  const withAccess = declaredHandlers().filter((ref) => declaredGrantTexts(ref).length > 0);

  it('has a scenario for every handler that declares AWS access', () => {
    assert.ok(withAccess.length > 0);
    for (const ref of withAccess)
      assert.ok(scenarios[handlerKey(ref)], `add a scenario for ${handlerKey(ref)} in this file`);
  });

  for (const ref of withAccess) {
    it(`${handlerKey(ref)} performs exactly ${declaredGrantTexts(ref).join(', ')}`, async () => {
      const statuses = await scenarios[handlerKey(ref)]!();
      // No 500: an undeclared action would have been refused (AccessDeniedException) and answered 500.
      for (const status of statuses) assert.ok(status < 500, `answered ${status}`);
      assert.deepEqual(performedGrants(ref), declaredGrantTexts(ref));
    });
  }
});

describe('restrictTo', () => {
  const reader: HandlerRef = {
    module: 'api/test.ts',
    export: 'reader',
    access: { dynamodb: ['GetItem'] },
  };

  it('refuses an undeclared action with the AccessDeniedException IAM answers, before any request is made', async () => {
    const client = documentClientFromEnv(process.env, reader);
    const noteId = newNoteId();
    const Item = { userId: { S: 'u' }, noteId: { S: noteId }, content: { S: 'x' } };
    await assert.rejects(
      client.send(new PutItemCommand({ TableName: notesTable.name, Item })),
      (error: Error) =>
        error.name === 'AccessDeniedException' &&
        error.message.includes('is not authorized to perform: dynamodb:PutItem on table'),
    );
    const unrestricted = documentClientFromEnv(process.env);
    const read = await unrestricted.send(
      new GetItemCommand({
        TableName: notesTable.name,
        Key: { userId: { S: 'u' }, noteId: { S: noteId } },
      }),
    );
    assert.equal(read.Item, undefined, 'nothing was written');
    // The declared action goes through and is recorded.
    await client.send(
      new GetItemCommand({
        TableName: notesTable.name,
        Key: { userId: { S: 'u' }, noteId: { S: noteId } },
      }),
    );
    assert.deepEqual(performedGrants(reader), ['dynamodb:GetItem on table']);
    client.destroy();
    unrestricted.destroy();
  });

  it('refuses an undeclared secret, even locally where the key comes from a file', async () => {
    const keys = cursorKeysFor(reader);
    await assert.rejects(keys.keys(), {
      name: 'AccessDeniedException',
      message: /secretsmanager:GetSecretValue on secret\/cursorKey/,
    });
  });

  it('refuses everything for a handler that declares no access', async () => {
    const none: HandlerRef = { module: 'api/test.ts', export: 'none' };
    const client = restrictTo(documentClientFromEnv(process.env), 'dynamodb', none);
    await assert.rejects(
      client.send(
        new GetItemCommand({
          TableName: notesTable.name,
          Key: { userId: { S: 'u' }, noteId: { S: newNoteId() } },
        }),
      ),
      { name: 'AccessDeniedException' },
    );
    client.destroy();
  });
});
