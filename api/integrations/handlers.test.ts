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
import { listNotes } from '../notes/handlers.ts';
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
