import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { bodyOf, idTokenClaims, restEvent, type RestRequest } from '../testing/events.ts';
import { startTestDynamoDb, useTestDynamoDb, type TestDynamoDb } from '../testing/dynamodb.ts';
import { createNote, deleteNote, getNote, listNotes, searchNotes, updateNote } from './handlers.ts';
import { newNoteId } from './note-id.ts';
import type { Note } from './note.ts';
import { seedNotes } from './testing/seed.ts';

let db: TestDynamoDb;
before(async () => {
  db = await startTestDynamoDb();
  useTestDynamoDb(db);
});
after(() => db.close());

type Answer = Awaited<ReturnType<typeof createNote>>;
interface NoteAnswer {
  message: string;
  note: Note;
}
interface PageAnswer {
  notes: Note[];
  nextCursor: string | null;
}
interface ErrorAnswer {
  message: string;
  details?: Record<string, string>;
}

const newUser = () => randomUUID();
const as = (userId: string, request: Omit<RestRequest, 'authorizer'>) =>
  restEvent({ ...request, authorizer: idTokenClaims(userId) });

const create = (userId: string, body: unknown, headers?: Record<string, string>) =>
  createNote(
    as(userId, { method: 'POST', resource: '/notes', body, ...(headers ? { headers } : {}) }),
  );
const read = (userId: string, noteId: string) =>
  getNote(as(userId, { method: 'GET', resource: '/notes/{noteId}', pathParameters: { noteId } }));
const update = (userId: string, noteId: string, body: unknown, headers?: Record<string, string>) =>
  updateNote(
    as(userId, {
      method: 'PUT',
      resource: '/notes/{noteId}',
      pathParameters: { noteId },
      body,
      ...(headers ? { headers } : {}),
    }),
  );
const remove = (userId: string, noteId: string, headers?: Record<string, string>) =>
  deleteNote(
    as(userId, {
      method: 'DELETE',
      resource: '/notes/{noteId}',
      pathParameters: { noteId },
      ...(headers ? { headers } : {}),
    }),
  );
const list = (userId: string, query: Record<string, string> = {}) =>
  listNotes(as(userId, { method: 'GET', resource: '/notes', query }));

async function createdNote(userId: string, body: unknown): Promise<Note> {
  const answer = await create(userId, body);
  assert.equal(answer.statusCode, 201, answer.body);
  return bodyOf<NoteAnswer>(answer).note;
}

function assertError(answer: Answer, status: number, field?: string): ErrorAnswer {
  assert.equal(answer.statusCode, status, answer.body);
  assert.match(answer.headers['Content-Type'] ?? '', /^application\/json/);
  const body = bodyOf<ErrorAnswer>(answer);
  assert.equal(typeof body.message, 'string');
  if (field)
    assert.equal(
      typeof body.details?.[field],
      'string',
      `expected a message for ${field}: ${answer.body}`,
    );
  return body;
}

describe('POST /notes', () => {
  it('creates a note and answers 201 with "Note created", the note and its ETag', async () => {
    const user = newUser();
    const answer = await create(user, { title: 'Groceries', content: 'Milk, eggs' });
    assert.equal(answer.statusCode, 201);
    const { message, note } = bodyOf<NoteAnswer>(answer);
    assert.equal(message, 'Note created');
    assert.match(note.noteId, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(note.title, 'Groceries');
    assert.equal(note.content, 'Milk, eggs');
    assert.equal(note.version, 1);
    assert.equal(note.createdAt, note.updatedAt);
    assert.ok(!Number.isNaN(Date.parse(note.createdAt)));
    assert.equal(answer.headers['ETag'], '"1"');
    assert.equal('userId' in note, false, 'the owner stays in the table');
    assert.deepEqual(bodyOf<NoteAnswer>(await read(user, note.noteId)).note, note);
  });

  it('accepts a note without a title', async () => {
    const note = await createdNote(newUser(), { content: 'just text' });
    assert.equal(note.title, undefined);
  });

  it('is idempotent for a client-supplied noteId: the same request twice gives the same note, stored once', async () => {
    const user = newUser();
    const noteId = newNoteId();
    const first = await create(user, { noteId, title: 't', content: 'once' });
    const second = await create(user, { noteId, title: 't', content: 'once' });
    assert.equal(first.statusCode, 201);
    assert.equal(second.statusCode, 201);
    assert.deepEqual(bodyOf(second), bodyOf(first));
    const page = bodyOf<PageAnswer>(await list(user));
    assert.deepEqual(
      page.notes.map((note) => note.noteId),
      [noteId],
    );
  });

  it('answers 409 when a client-supplied noteId already holds different content', async () => {
    const user = newUser();
    const noteId = newNoteId();
    await createdNote(user, { noteId, content: 'original' });
    assertError(await create(user, { noteId, content: 'something else' }), 409);
    assert.equal(bodyOf<NoteAnswer>(await read(user, noteId)).note.content, 'original');
  });

  it('lets two users use the same client-supplied noteId independently', async () => {
    const noteId = newNoteId();
    const [a, b] = [newUser(), newUser()];
    await createdNote(a, { noteId, content: 'A' });
    await createdNote(b, { noteId, content: 'B' });
    assert.equal(bodyOf<NoteAnswer>(await read(a, noteId)).note.content, 'A');
    assert.equal(bodyOf<NoteAnswer>(await read(b, noteId)).note.content, 'B');
  });

  describe('rejects bad input with a 4xx JSON answer naming the field', () => {
    const user = newUser();
    const cases: [string, unknown, string][] = [
      ['missing content', { title: 'x' }, 'content'],
      ['empty content', { content: '' }, 'content'],
      ['content over 100 000 characters', { content: 'x'.repeat(100_001) }, 'content'],
      ['title over 200 characters', { title: 't'.repeat(201), content: 'x' }, 'title'],
      ['a numeric content', { content: 42 }, 'content'],
      ['a title that is an object', { title: { text: 'x' }, content: 'x' }, 'title'],
      ['a null title', { title: null, content: 'x' }, 'title'],
      ['an unknown field', { content: 'x', owner: 'someone-else' }, 'owner'],
      ['a noteId that is not a ULID', { noteId: 'not-an-id', content: 'x' }, 'noteId'],
      ['an array body', [{ content: 'x' }], 'body'],
      ['a JSON string body', '"content"', 'body'],
    ];
    for (const [name, body, field] of cases) {
      it(`400 for ${name}`, async () => {
        const answer = await create(
          user,
          typeof body === 'string' ? body : body,
          typeof body === 'string' ? { 'Content-Type': 'application/json' } : undefined,
        );
        assertError(answer, 400, field);
      });
    }

    it('400 listing every bad field at once', async () => {
      const body = assertError(await create(user, { title: 5, content: 6 }), 400);
      assert.deepEqual(Object.keys(body.details ?? {}).sort(), ['content', 'title']);
    });

    it('accepts exactly 200 title and 100 000 content characters', async () => {
      const note = await createdNote(user, {
        title: 't'.repeat(200),
        content: 'é'.repeat(100_000),
      });
      assert.equal(note.content.length, 100_000);
    });

    it('counts length in UTF-16 units like a browser, so the longest note fits a DynamoDB item', async () => {
      const emoji = '\u{1F600}';
      assertError(await create(user, { content: emoji.repeat(50_001) }), 400, 'content');
      assert.equal((await create(user, { content: emoji.repeat(50_000) })).statusCode, 201);
    });

    it('400 for malformed JSON', async () => {
      const answer = await create(user, '{"content": "x",', { 'Content-Type': 'application/json' });
      assert.equal(assertError(answer, 400).message, 'Request body is not valid JSON');
    });

    it('400 for an empty body', async () => {
      assertError(await create(user, '', { 'Content-Type': 'application/json' }), 400);
    });

    it('415 for a body that is not declared as JSON', async () => {
      assertError(
        await create(user, 'content=x', { 'Content-Type': 'application/x-www-form-urlencoded' }),
        415,
      );
      assertError(await create(user, '{"content":"x"}', { 'Content-Type': 'text/plain' }), 415);
      assertError(await create(user, '{"content":"x"}'), 415);
    });

    it('accepts JSON declared with a charset and in any header case', async () => {
      const answer = await create(user, '{"content":"x"}', {
        'content-type': 'application/json; charset=UTF-8',
      });
      assert.equal(answer.statusCode, 201, answer.body);
    });

    it('413 for a body over 1 MiB, before parsing it', async () => {
      const answer = await create(user, `{"content":"${'x'.repeat(1024 * 1024)}"}`, {
        'Content-Type': 'application/json',
      });
      assertError(answer, 413);
    });

    it('stores nothing for any rejected request', async () => {
      const page = bodyOf<PageAnswer>(await list(user));
      assert.ok(
        page.notes.every((note) => note.content === 'x' || note.content.length === 100_000),
      );
      assert.equal(page.notes.length, 3, 'only the three valid creates above were stored');
    });
  });
});

describe('GET /notes/{noteId}', () => {
  it('404 for an unknown note, and for a malformed id', async () => {
    const user = newUser();
    assertError(await read(user, newNoteId()), 404);
    assertError(await read(user, '../../etc'), 404);
    assertError(await read(user, 'x'.repeat(5000)), 404);
  });

  it("404 for another user's note (never 403: its existence is not revealed)", async () => {
    const note = await createdNote(newUser(), { content: 'private' });
    assert.equal(assertError(await read(newUser(), note.noteId), 404).message, 'Note not found');
  });

  it('401 when the event carries no authorizer claims (route deployed without its authorizer)', async () => {
    const answer = await getNote(
      restEvent({
        method: 'GET',
        resource: '/notes/{noteId}',
        pathParameters: { noteId: newNoteId() },
      }),
    );
    assert.deepEqual([answer.statusCode, bodyOf(answer)], [401, { message: 'Unauthorized' }]);
  });
});

describe('PUT /notes/{noteId}', () => {
  it('replaces title and content when If-Match names the current version, and bumps the version', async () => {
    const user = newUser();
    const note = await createdNote(user, { title: 'old', content: 'old' });
    const answer = await update(
      user,
      note.noteId,
      { title: 'new', content: 'new' },
      { 'If-Match': '"1"' },
    );
    assert.equal(answer.statusCode, 200, answer.body);
    const updated = bodyOf<NoteAnswer>(answer).note;
    assert.deepEqual(
      { ...updated, updatedAt: '' },
      { ...note, title: 'new', content: 'new', version: 2, updatedAt: '' },
    );
    assert.equal(answer.headers['ETag'], '"2"');
    assert.ok(updated.updatedAt >= note.updatedAt);
  });

  it('accepts the version in the body instead of If-Match, and removes an omitted title', async () => {
    const user = newUser();
    const note = await createdNote(user, { title: 'title', content: 'c' });
    const updated = bodyOf<NoteAnswer>(
      await update(user, note.noteId, { content: 'c2', version: 1 }),
    ).note;
    assert.equal(updated.title, undefined);
    assert.equal(updated.version, 2);
  });

  it('412 when the version is stale, and the note keeps the newer save', async () => {
    const user = newUser();
    const note = await createdNote(user, { content: 'v1' });
    assert.equal((await update(user, note.noteId, { content: 'v2', version: 1 })).statusCode, 200);
    assertError(await update(user, note.noteId, { content: 'stale' }, { 'If-Match': '"1"' }), 412);
    assertError(await update(user, note.noteId, { content: 'stale', version: 1 }), 412);
    assert.equal(bodyOf<NoteAnswer>(await read(user, note.noteId)).note.content, 'v2');
  });

  it('428 when neither If-Match nor version is sent, 400 when they disagree or If-Match is garbage', async () => {
    const user = newUser();
    const note = await createdNote(user, { content: 'c' });
    assertError(await update(user, note.noteId, { content: 'x' }), 428);
    assertError(
      await update(user, note.noteId, { content: 'x', version: 2 }, { 'If-Match': '"1"' }),
      400,
      'version',
    );
    assertError(
      await update(user, note.noteId, { content: 'x' }, { 'If-Match': 'yesterday' }),
      400,
      'If-Match',
    );
  });

  it('validates the body like POST', async () => {
    const user = newUser();
    const note = await createdNote(user, { content: 'c' });
    assertError(await update(user, note.noteId, { content: 'x', version: 'one' }), 400, 'version');
    assertError(
      await update(user, note.noteId, { title: 'x'.repeat(201), content: 'x', version: 1 }),
      400,
      'title',
    );
    assertError(await update(user, note.noteId, '{', { 'Content-Type': 'application/json' }), 400);
  });

  it("404 for another user's note, which stays unchanged", async () => {
    const owner = newUser();
    const note = await createdNote(owner, { content: 'mine' });
    assertError(await update(newUser(), note.noteId, { content: 'hijacked', version: 1 }), 404);
    assertError(
      await update(newUser(), note.noteId, { content: 'hijacked' }, { 'If-Match': '*' }),
      404,
    );
    assert.equal(bodyOf<NoteAnswer>(await read(owner, note.noteId)).note.content, 'mine');
  });

  it('of concurrent PUTs from the same version exactly one wins; the others get 412', async () => {
    const user = newUser();
    const note = await createdNote(user, { content: 'start' });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        update(user, note.noteId, { content: `writer ${i}` }, { 'If-Match': '"1"' }),
      ),
    );
    const winners = answers.filter((answer) => answer.statusCode === 200);
    assert.equal(winners.length, 1, answers.map((answer) => answer.statusCode).join(','));
    assert.ok(answers.every((answer) => answer.statusCode === 200 || answer.statusCode === 412));
    const stored = bodyOf<NoteAnswer>(await read(user, note.noteId)).note;
    assert.equal(stored.version, 2);
    assert.equal(stored.content, bodyOf<NoteAnswer>(winners[0]!).note.content);
  });
});

describe('DELETE /notes/{noteId}', () => {
  it('deletes the note; a second delete is a 404', async () => {
    const user = newUser();
    const note = await createdNote(user, { content: 'bye' });
    const answer = await remove(user, note.noteId);
    assert.deepEqual(
      [answer.statusCode, bodyOf(answer)],
      [200, { message: 'Note deleted', noteId: note.noteId }],
    );
    assertError(await read(user, note.noteId), 404);
    assertError(await remove(user, note.noteId), 404);
  });

  it('honours If-Match: 412 on a stale version', async () => {
    const user = newUser();
    const note = await createdNote(user, { content: 'c' });
    await update(user, note.noteId, { content: 'c2', version: 1 });
    assertError(await remove(user, note.noteId, { 'If-Match': '"1"' }), 412);
    assert.equal((await remove(user, note.noteId, { 'If-Match': '"2"' })).statusCode, 200);
  });

  it("404 for another user's note, which survives", async () => {
    const owner = newUser();
    const note = await createdNote(owner, { content: 'keep' });
    assertError(await remove(newUser(), note.noteId), 404);
    assert.equal((await read(owner, note.noteId)).statusCode, 200);
  });
});

describe('GET /notes', () => {
  it('lists newest first', async () => {
    const user = newUser();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createdNote(user, { content: `n${i}` })).noteId);
    const page = bodyOf<PageAnswer>(await list(user));
    assert.deepEqual(
      page.notes.map((note) => note.noteId),
      ids.reverse(),
    );
    assert.equal(page.nextCursor, null);
  });

  it('lists by last change: an edited old note comes first, and pages stay in that order', async () => {
    const user = newUser();
    const [oldest, middle, newest] = [
      await createdNote(user, { content: 'oldest' }),
      await createdNote(user, { content: 'middle' }),
      await createdNote(user, { content: 'newest' }),
    ];
    await new Promise((resolve) => setTimeout(resolve, 2));
    const edited = await update(user, oldest.noteId, { content: 'oldest, edited', version: 1 });
    assert.equal(edited.statusCode, 200, edited.body);
    const first = bodyOf<PageAnswer>(await list(user, { limit: '2' }));
    assert.deepEqual(
      first.notes.map((note) => note.content),
      ['oldest, edited', 'newest'],
    );
    const second = bodyOf<PageAnswer>(await list(user, { limit: '2', cursor: first.nextCursor! }));
    assert.deepEqual(
      second.notes.map((note) => note.noteId),
      [middle.noteId],
    );
    assert.equal(second.nextCursor, null);
    assert.ok(newest.noteId > middle.noteId);
  });

  it('answers an empty list for a new user', async () => {
    assert.deepEqual(bodyOf(await list(newUser())), { notes: [], nextCursor: null });
  });

  it('pages through 1 000 notes with no gaps, no repeats and no empty last page', async () => {
    const user = newUser();
    const stored = await seedNotes(
      user,
      Array.from({ length: 1000 }, (_, i) => ({ content: `note ${i}` })),
    );
    const expected = stored
      .map((note) => note.noteId)
      .sort()
      .reverse();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await list(user, { limit: '37', ...(cursor ? { cursor } : {}) });
      assert.equal(answer.statusCode, 200, answer.body);
      const page = bodyOf<PageAnswer>(answer);
      assert.ok(page.notes.length > 0 && page.notes.length <= 37);
      seen.push(...page.notes.map((note) => note.noteId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, Math.ceil(1000 / 37));
    assert.equal(new Set(seen).size, 1000);
    assert.deepEqual(seen, expected);
  });

  it('uses 20 per page by default and at most 100', async () => {
    const user = newUser();
    await seedNotes(
      user,
      Array.from({ length: 120 }, () => ({ content: 'x' })),
    );
    assert.equal(bodyOf<PageAnswer>(await list(user)).notes.length, 20);
    assert.equal(bodyOf<PageAnswer>(await list(user, { limit: '100' })).notes.length, 100);
  });

  for (const limit of ['0', '101', '-1', '1.5', 'ten', '1e2', '99999999999']) {
    it(`400 for limit=${limit}`, async () => {
      assertError(await list(newUser(), { limit }), 400, 'limit');
    });
  }

  it("400 for a forged, tampered or foreign cursor, which never pages into another user's notes", async () => {
    const [a, b] = [newUser(), newUser()];
    await seedNotes(
      a,
      Array.from({ length: 5 }, () => ({ content: 'A' })),
    );
    await seedNotes(
      b,
      Array.from({ length: 5 }, () => ({ content: 'B' })),
    );
    const cursorOfA = bodyOf<PageAnswer>(await list(a, { limit: '2' })).nextCursor!;
    const cursorOfB = bodyOf<PageAnswer>(await list(b, { limit: '2' })).nextCursor!;
    assert.ok(cursorOfA && cursorOfB);

    assertError(await list(b, { cursor: cursorOfA }), 400, 'cursor');
    const [id, mac] = cursorOfA.split('.') as [string, string];
    const forged = [
      'garbage',
      `${id}.`,
      `${Buffer.from(newNoteId()).toString('base64url')}.${mac}`,
      `${id}.${mac.slice(0, -2)}AA`,
      `${cursorOfB.split('.')[0]}.${mac}`,
      `${cursorOfA}.extra`,
      'x'.repeat(10_000),
    ];
    for (const cursor of forged) assertError(await list(a, { cursor }), 400, 'cursor');
    // The genuine cursor still works for its owner.
    const next = bodyOf<PageAnswer>(await list(a, { limit: '2', cursor: cursorOfA }));
    assert.ok(next.notes.every((note) => note.content === 'A'));
  });
});

describe('GET /notes/search', () => {
  const search = (userId: string, query: Record<string, string>) =>
    searchNotes(as(userId, { method: 'GET', resource: '/notes/search', query }));

  it("finds the caller's notes by title or text, case-insensitively, last changed first", async () => {
    const user = newUser();
    await createdNote(user, { title: 'Groceries', content: 'milk, EGGS' });
    await createdNote(user, { title: 'Eggs benedict', content: 'recipe' });
    await createdNote(user, { content: 'nothing to see' });
    await createdNote(newUser(), { content: 'eggs of someone else' });
    const page = bodyOf<PageAnswer>(await search(user, { q: 'eggs' }));
    assert.deepEqual(
      page.notes.map((note) => note.title),
      ['Eggs benedict', 'Groceries'],
    );
    assert.equal(page.nextCursor, null);
  });

  it('pages through matches with a signed cursor, reading at most the scan budget per request', async () => {
    const user = newUser();
    for (let i = 0; i < 12; i++)
      await createdNote(user, { content: i % 3 === 0 ? `match ${i}` : `other ${i}` });
    const first = bodyOf<PageAnswer>(await search(user, { q: 'MATCH', limit: '2' }));
    assert.deepEqual(
      first.notes.map((note) => note.content),
      ['match 9', 'match 6'],
    );
    const second = bodyOf<PageAnswer>(
      await search(user, { q: 'match', limit: '2', cursor: first.nextCursor! }),
    );
    assert.deepEqual(
      second.notes.map((note) => note.content),
      ['match 3', 'match 0'],
    );
    assertError(await search(newUser(), { q: 'match', cursor: first.nextCursor! }), 400, 'cursor');
  });

  it('400 without a search text, or with one over 200 characters', async () => {
    assertError(await search(newUser(), {}), 400, 'q');
    assertError(await search(newUser(), { q: '   ' }), 400, 'q');
    assertError(await search(newUser(), { q: 'x'.repeat(201) }), 400, 'q');
  });
});

describe('isolation', () => {
  it("in a randomized run, user B never reads, updates, deletes or pages into user A's notes", async (t) => {
    const [a, b] = [newUser(), newUser()];
    const notesOfA: Note[] = [];
    const idsOfB = new Set<string>();
    // A new sequence each run; ISOLATION_SEED=<n> replays the one a failing run reports.
    let seed = Number(process.env['ISOLATION_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
    t.diagnostic(`ISOLATION_SEED=${seed}`);
    const random = () => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
    };
    for (let step = 0; step < 120; step++) {
      const roll = random();
      if (roll < 0.3 || notesOfA.length === 0) {
        notesOfA.push(await createdNote(a, { content: `A secret ${step}` }));
        continue;
      }
      const target = notesOfA[Math.floor(random() * notesOfA.length)]!;
      if (roll < 0.45) {
        assertError(await read(b, target.noteId), 404);
      } else if (roll < 0.6) {
        assertError(
          await update(b, target.noteId, { content: 'B was here', version: target.version }),
          404,
        );
      } else if (roll < 0.7) {
        assertError(await remove(b, target.noteId), 404);
      } else if (roll < 0.8) {
        // B creating a note with A's id gets B's own note, never A's.
        const note = await createdNote(b, { noteId: target.noteId, content: `B ${step}` });
        assert.equal(note.content, `B ${step}`);
        idsOfB.add(target.noteId);
        await remove(b, target.noteId);
        idsOfB.delete(target.noteId);
      } else if (roll < 0.9) {
        const cursorOfA = bodyOf<PageAnswer>(await list(a, { limit: '1' })).nextCursor;
        if (cursorOfA) assertError(await list(b, { cursor: cursorOfA }), 400, 'cursor');
      } else {
        const noteOfB = await createdNote(b, { content: `B note ${step}` });
        idsOfB.add(noteOfB.noteId);
      }
    }
    const pageOfB = bodyOf<PageAnswer>(await list(b, { limit: '100' }));
    assert.deepEqual(new Set(pageOfB.notes.map((note) => note.noteId)), idsOfB);
    assert.ok(pageOfB.notes.every((note) => !note.content.startsWith('A secret')));
    // A's notes are all intact.
    for (const note of notesOfA) {
      assert.deepEqual(bodyOf<NoteAnswer>(await read(a, note.noteId)).note, note);
    }
  });
});

describe('responses', () => {
  it('carry Access-Control-Allow-Origin from CORS_ALLOW_ORIGIN (needed on AWS proxy integrations)', async () => {
    process.env['CORS_ALLOW_ORIGIN'] = 'https://notes.example.com';
    try {
      const answer = await list(newUser());
      assert.equal(answer.headers['Access-Control-Allow-Origin'], 'https://notes.example.com');
      assert.match(answer.headers['Access-Control-Expose-Headers'] ?? '', /ETag/);
    } finally {
      delete process.env['CORS_ALLOW_ORIGIN'];
    }
    assert.equal((await list(newUser())).headers['Access-Control-Allow-Origin'], undefined);
  });

  it('a DynamoDB failure is a 500 that says nothing about the internals, and is logged', async () => {
    const saved = process.env['NOTES_TABLE'];
    process.env['NOTES_TABLE'] = 'NoSuchTable';
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => {
      logged.push(args);
    };
    try {
      const answer = await list(newUser());
      assert.deepEqual(
        [answer.statusCode, bodyOf(answer)],
        [500, { message: 'Internal server error' }],
      );
      assert.doesNotMatch(answer.body, /NoSuchTable|ResourceNotFound|dynamo/i);
      assert.match(JSON.stringify(logged), /ResourceNotFound|NoSuchTable/);
    } finally {
      console.error = original;
      if (saved === undefined) delete process.env['NOTES_TABLE'];
      else process.env['NOTES_TABLE'] = saved;
    }
  });
});
