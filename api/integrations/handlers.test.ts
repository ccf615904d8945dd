import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { scopes } from '../pool.ts';
import { startTestDynamoDb, useTestDynamoDb, type TestDynamoDb } from '../testing/dynamodb.ts';
import {
  bodyOf,
  httpApiEvent,
  idTokenClaims,
  machineClaims,
  restEvent,
} from '../testing/events.ts';
import { getNote, listNotes, updateNote } from '../notes/handlers.ts';
import { newNoteId } from '../notes/note-id.ts';
import type { Note } from '../notes/note.ts';
import { addNoteForUser, listNotesOfUser } from './handlers.ts';

let db: TestDynamoDb;
before(async () => {
  db = await startTestDynamoDb();
  useTestDynamoDb(db);
});
after(() => db.close());

const add = (body: unknown) =>
  addNoteForUser(
    httpApiEvent({
      method: 'POST',
      path: '/integrations/v1/notes',
      body,
      claims: machineClaims([scopes.notesWrite]),
      scopes: [scopes.notesWrite],
    }),
  );
const listOf = (query: Record<string, string>) =>
  listNotesOfUser(
    httpApiEvent({
      method: 'GET',
      path: '/integrations/v1/notes',
      query,
      claims: machineClaims([scopes.notesRead]),
      scopes: [scopes.notesRead],
    }),
  );

interface PageAnswer {
  userId: string;
  notes: Note[];
  nextCursor: string | null;
}

describe('POST /integrations/v1/notes', () => {
  it('adds a note for the named user, which that user then sees in GET /notes', async () => {
    const userId = randomUUID();
    const answer = await add({ userId, title: 'From the CRM', content: 'Call back on Monday' });
    assert.equal(answer.statusCode, 201, answer.body);
    const { message, note } = bodyOf<{ message: string; note: Note }>(answer);
    assert.equal(message, 'Note created');
    const own = await listNotes(
      restEvent({ method: 'GET', resource: '/notes', authorizer: idTokenClaims(userId) }),
    );
    assert.deepEqual(bodyOf<{ notes: Note[] }>(own).notes, [note]);
  });

  it('a retry with the same noteId answers the stored note unchanged (its first times and version), with no read', async () => {
    const userId = randomUUID();
    const request = { userId, noteId: newNoteId(), title: 'CRM', content: 'call back' };
    const first = bodyOf<{ note: Note }>(await add(request)).note;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const retry = await add(request);
    assert.equal(retry.statusCode, 201, retry.body);
    assert.deepEqual(bodyOf<{ note: Note }>(retry).note, first);
    // Without a title too (the condition then asks that the stored note has none).
    const untitled = { userId, noteId: newNoteId(), content: 'no title' };
    const once = bodyOf<{ note: Note }>(await add(untitled)).note;
    assert.deepEqual(bodyOf<{ note: Note }>(await add(untitled)).note, once);
    assert.equal((await add({ ...untitled, title: 'now titled' })).statusCode, 409);
  });

  it('409 for a different request under a noteId, and for a retry after the owner edited the note, which stays as edited', async () => {
    const userId = randomUUID();
    const request = { userId, noteId: newNoteId(), content: 'original' };
    await add(request);
    const other = await add({ ...request, content: 'different' });
    assert.equal(other.statusCode, 409);
    assert.match(bodyOf<{ message: string }>(other).message, /already exists/);
    const owner = idTokenClaims(userId);
    const edited = await updateNote(
      restEvent({
        method: 'PUT',
        resource: '/notes/{noteId}',
        pathParameters: { noteId: request.noteId },
        body: { content: 'edited', version: 1 },
        authorizer: owner,
      }),
    );
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal((await add(request)).statusCode, 409, 'a late retry must not undo the edit');
    const stored = await getNote(
      restEvent({
        method: 'GET',
        resource: '/notes/{noteId}',
        pathParameters: { noteId: request.noteId },
        authorizer: owner,
      }),
    );
    assert.equal(bodyOf<{ note: Note }>(stored).note.content, 'edited');
  });

  it('400 without a userId, or with one that is not a Cognito sub, and for a bad note', async () => {
    for (const [body, field] of [
      [{ content: 'x' }, 'userId'],
      [{ userId: 'admin', content: 'x' }, 'userId'],
      [{ userId: randomUUID() }, 'content'],
      [{ userId: randomUUID(), content: 'x', title: 'x'.repeat(201) }, 'title'],
    ] as const) {
      const answer = await add(body);
      assert.equal(answer.statusCode, 400, answer.body);
      assert.equal(
        typeof bodyOf<{ details: Record<string, string> }>(answer).details[field],
        'string',
        answer.body,
      );
    }
  });

  it('415 for a body that is not JSON', async () => {
    const answer = await addNoteForUser(
      httpApiEvent({
        method: 'POST',
        path: '/integrations/v1/notes',
        body: 'userId=x',
        headers: { 'Content-Type': 'text/plain' },
        claims: machineClaims([scopes.notesWrite]),
        scopes: [scopes.notesWrite],
      }),
    );
    assert.equal(answer.statusCode, 415);
  });
});

describe('GET /integrations/v1/notes', () => {
  it("pages through the named user's notes; the cursor only works for that user", async () => {
    const [userId, other] = [randomUUID(), randomUUID()];
    for (let i = 0; i < 3; i++) await add({ userId, content: `n${i}` });
    await add({ userId: other, content: 'other' });
    const first = bodyOf<PageAnswer>(await listOf({ userId, limit: '2' }));
    assert.equal(first.notes.length, 2);
    const second = bodyOf<PageAnswer>(
      await listOf({ userId, limit: '2', cursor: first.nextCursor! }),
    );
    assert.deepEqual(
      second.notes.map((note) => note.content),
      ['n0'],
    );
    assert.equal(second.nextCursor, null);
    const foreign = await listOf({ userId: other, cursor: first.nextCursor! });
    assert.equal(foreign.statusCode, 400);
  });

  it('400 without userId and for a bad limit', async () => {
    assert.equal((await listOf({})).statusCode, 400);
    assert.equal((await listOf({ userId: randomUUID(), limit: '1000' })).statusCode, 400);
  });
});
