import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { newItem } from '../api/notes/item.ts';
import { newNoteId } from '../api/notes/note-id.ts';
import { documentClientFromEnv, NotesStore } from '../api/notes/store.ts';
import { notesTable } from '../api/notes/table.ts';
import { startTestDynamoDb, useTestDynamoDb, type TestDynamoDb } from '../api/testing/dynamodb.ts';
import { backfillUpdatedKey, main } from './backfill.ts';

let db: TestDynamoDb;
before(async () => {
  db = await startTestDynamoDb();
  useTestDynamoDb(db);
});
after(() => db.close());

const client = () => documentClientFromEnv(process.env);
const store = () => new NotesStore({ client: client() });

/** A note as the API wrote it before the byLastChange index: no `updatedKey`. */
async function legacyNote(userId: string, content: string, at: Date) {
  const { updatedKey: _place, ...item } = newItem(
    userId,
    { noteId: newNoteId(at.getTime()), content },
    at,
  );
  await client().send(new PutCommand({ TableName: notesTable.name, Item: item }));
  return item;
}

async function listed(userId: string): Promise<string[]> {
  const page = await store().list(userId, { limit: 100 });
  return page.notes.map((note) => note.content);
}

async function stored(userId: string, noteId: string) {
  return (
    await client().send(
      new GetCommand({ TableName: notesTable.name, Key: { userId, noteId }, ConsistentRead: true }),
    )
  ).Item;
}

/** The real client, with `beforeFirstUpdate` run just before the backfill's first UpdateItem. */
function interceptFirstUpdate(beforeFirstUpdate: () => Promise<void>) {
  const real = client();
  let done = false;
  return {
    send: (async (command: unknown) => {
      if (!done && command instanceof UpdateCommand) {
        done = true;
        await beforeFirstUpdate();
      }
      return real.send(command as never);
    }) as typeof real.send,
  };
}

describe('npm run backfill (updatedKey for notes from before the byLastChange index)', () => {
  it('puts every old note back in the last-changed list, in order, and a second run finds nothing', async () => {
    const userId = randomUUID();
    await legacyNote(userId, 'oldest', new Date('2024-01-01T00:00:00Z'));
    await legacyNote(userId, 'older', new Date('2024-02-01T00:00:00Z'));
    await store().create(userId, { content: 'new' });
    assert.deepEqual(await listed(userId), ['new'], 'the index leaves the old notes out');

    const first = await backfillUpdatedKey({
      client: client(),
      tableName: notesTable.name,
      pageSize: 1,
    });
    assert.ok(first.found >= 2);
    assert.equal(first.updated, first.found);
    assert.equal(first.changedMeanwhile, 0);
    assert.deepEqual(await listed(userId), ['new', 'older', 'oldest']);

    const again = await backfillUpdatedKey({ client: client(), tableName: notesTable.name });
    assert.deepEqual(again, { found: 0, updated: 0, changedMeanwhile: 0, withoutUpdatedAt: [] });
  });

  it('never overwrites an edit made between its Scan and its update: the edit keeps its content and its newer place', async () => {
    const userId = randomUUID();
    const note = await legacyNote(userId, 'draft', new Date('2024-03-01T00:00:00Z'));
    await legacyNote(userId, 'untouched', new Date('2024-03-02T00:00:00Z'));
    const result = await backfillUpdatedKey({
      client: interceptFirstUpdate(async () => {
        await store().update(userId, note.noteId, { content: 'edited meanwhile' }, 1);
      }),
      tableName: notesTable.name,
    });
    assert.equal(result.changedMeanwhile, 1);
    const item = await stored(userId, note.noteId);
    assert.equal(item?.['content'], 'edited meanwhile');
    assert.equal(item?.['updatedKey'], `${String(item?.['updatedAt'])}#${note.noteId}`);
    assert.notEqual(item?.['updatedAt'], note.updatedAt);
    assert.deepEqual(await listed(userId), ['edited meanwhile', 'untouched']);
  });

  it('leaves a note alone whose updatedAt moved without a place (older code still running), and places it on the next run', async () => {
    const userId = randomUUID();
    const note = await legacyNote(userId, 'moved', new Date('2024-04-01T00:00:00Z'));
    const later = '2024-04-02T00:00:00.000Z';
    const result = await backfillUpdatedKey({
      client: interceptFirstUpdate(async () => {
        await client().send(
          new UpdateCommand({
            TableName: notesTable.name,
            Key: { userId, noteId: note.noteId },
            UpdateExpression: 'SET updatedAt = :later',
            ExpressionAttributeValues: { ':later': later },
          }),
        );
      }),
      tableName: notesTable.name,
    });
    assert.ok(result.changedMeanwhile >= 1);
    assert.equal((await stored(userId, note.noteId))?.['updatedKey'], undefined);
    await backfillUpdatedKey({ client: client(), tableName: notesTable.name });
    assert.equal((await stored(userId, note.noteId))?.['updatedKey'], `${later}#${note.noteId}`);
  });

  it('does not bring back a note deleted between its Scan and its update', async () => {
    const userId = randomUUID();
    const note = await legacyNote(userId, 'to delete', new Date('2024-05-01T00:00:00Z'));
    const result = await backfillUpdatedKey({
      client: interceptFirstUpdate(async () => {
        await store().delete(userId, note.noteId, undefined);
      }),
      tableName: notesTable.name,
    });
    assert.ok(result.changedMeanwhile >= 1);
    assert.equal(await stored(userId, note.noteId), undefined);
  });

  it('reports a note without updatedAt instead of guessing its place', async () => {
    const userId = randomUUID();
    const noteId = newNoteId();
    await client().send(
      new PutCommand({ TableName: notesTable.name, Item: { userId, noteId, content: 'odd' } }),
    );
    const result = await backfillUpdatedKey({ client: client(), tableName: notesTable.name });
    assert.deepEqual(result.withoutUpdatedAt, [{ userId, noteId }]);
    assert.equal((await stored(userId, noteId))?.['updatedKey'], undefined);
    // Repaired by hand, as the report asks, so the next tests' runs have nothing to report.
    await client().send(
      new UpdateCommand({
        TableName: notesTable.name,
        Key: { userId, noteId },
        UpdateExpression: 'SET updatedAt = :at',
        ExpressionAttributeValues: { ':at': '2024-06-01T00:00:00.000Z' },
      }),
    );
  });

  it('as a command: --dry-run counts without writing, then a run against a local endpoint writes', async () => {
    const userId = randomUUID();
    const note = await legacyNote(userId, 'by command', new Date('2024-07-01T00:00:00Z'));
    const dry = await main(['--endpoint', db.endpoint, '--dry-run']);
    assert.match(
      dry,
      /Notes: [1-9]\d* note\(s\) without a list position\n {2}dry run: nothing written/,
    );
    assert.equal((await stored(userId, note.noteId))?.['updatedKey'], undefined);
    const report = await main(['--endpoint', db.endpoint]);
    assert.match(report, / given one, 0 changed or deleted meanwhile/);
    assert.equal(
      (await stored(userId, note.noteId))?.['updatedKey'],
      `${note.updatedAt}#${note.noteId}`,
    );
    await assert.rejects(
      main([]),
      /usage: npm run backfill -- --table <NotesTableName> \| --local/,
    );
  });
});
