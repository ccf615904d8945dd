/**
 * The gateway serving the real route table: api/ handlers on a real dynalite, with tokens from the
 * test issuer of api/testing/issuer.ts (pool.test.ts does the same with the real local user pool).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDb, type LocalDynamoDb } from '../dynamodb.ts';
import { localHandlerEnv } from '../handler-env.ts';
import { startGateway, type Gateway } from './server.ts';
import { callAsSpa, spaOrigin } from './testing/fixture.ts';
import { startTestIssuer, type TestIssuer } from '../../api/testing/issuer.ts';

const alice = {
  sub: '0e5f3b1c-1111-4aaa-8bbb-000000000001',
  'cognito:username': '0e5f3b1c-1111-4aaa-8bbb-000000000001',
  email: 'alice@example.com',
};
const bob = {
  sub: '0e5f3b1c-2222-4aaa-8bbb-000000000002',
  'cognito:username': '0e5f3b1c-2222-4aaa-8bbb-000000000002',
  email: 'bob@example.com',
};

let dataDir: string;
let db: LocalDynamoDb;
let issuer: TestIssuer;
let gateway: Gateway;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gateway-api-'));
  db = await startDynamoDb({ dataDir, port: 0 });
  issuer = await startTestIssuer();
  gateway = await startGateway({
    port: 0,
    issuer: issuer.issuer,
    jwksUri: issuer.jwksUri,
    clientIds: issuer.clientIds,
    allowedOrigins: [spaOrigin],
    handlerEnv: localHandlerEnv({
      dynamodbEndpoint: db.endpoint,
      issuer: issuer.issuer,
      jwksUri: issuer.jwksUri,
      spaClientId: issuer.clientIds.spa,
    }),
  });
});
after(async () => {
  await gateway.close();
  await issuer.close();
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

const call = (
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
  headers?: Record<string, string>,
) => callAsSpa(gateway.url, method, path, token, body, headers);

interface NoteBody {
  noteId: string;
  title?: string;
  content: string;
  version: number;
}

describe('the real Notes API behind the local gateway', () => {
  it('creates, lists, edits and deletes a note with an ID token', async () => {
    const token = await issuer.idToken(alice);
    const created = await call('POST', '/notes', token, { title: 'First', content: 'Hello' });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('access-control-allow-origin'), spaOrigin);
    const note = created.body!['note'] as NoteBody;
    assert.equal(note.content, 'Hello');

    const listed = await call('GET', '/notes', token);
    assert.equal(listed.status, 200);
    assert.deepEqual(
      (listed.body!['notes'] as NoteBody[]).map((n) => n.noteId),
      [note.noteId],
    );

    const edited = await call(
      'PUT',
      `/notes/${note.noteId}`,
      token,
      { title: 'First', content: 'Hello again' },
      { 'if-match': `"${note.version}"` },
    );
    assert.equal(edited.status, 200);
    const fetched = await call('GET', `/notes/${note.noteId}`, token);
    assert.equal((fetched.body!['note'] as NoteBody).content, 'Hello again');

    assert.equal((await call('DELETE', `/notes/${note.noteId}`, token)).status, 200);
    assert.equal((await call('GET', `/notes/${note.noteId}`, token)).status, 404);
  });

  it('answers a version beyond the safe integers (1e300) with a 400 naming the field, not a 500', async () => {
    const token = await issuer.idToken(alice);
    const created = await call('POST', '/notes', token, { content: 'counted' });
    const note = created.body!['note'] as NoteBody;
    for (const version of [1e300, Number.MAX_SAFE_INTEGER + 1]) {
      const put = await call('PUT', `/notes/${note.noteId}`, token, { content: 'x', version });
      assert.equal(put.status, 400, String(version));
      assert.deepEqual(
        (put.body!['details'] as Record<string, string>)['version'],
        'must be <= 9007199254740991',
      );
    }
    const kept = await call('GET', `/notes/${note.noteId}`, token);
    assert.equal((kept.body!['note'] as NoteBody).content, 'counted');
  });

  it("keeps one user's note away from another", async () => {
    const created = await call('POST', '/notes', await issuer.idToken(alice), {
      content: 'private',
    });
    const noteId = (created.body!['note'] as NoteBody).noteId;
    const bobToken = await issuer.idToken(bob);
    assert.equal((await call('GET', `/notes/${noteId}`, bobToken)).status, 404);
    assert.deepEqual((await call('GET', '/notes', bobToken)).body!['notes'], []);
  });

  it('refuses a forged and an expired token before any handler runs', async () => {
    const forged = await call(
      'GET',
      '/notes',
      (await issuer.idToken(alice)).replace(/\.[^.]+$/, '.AAAA'),
    );
    assert.equal(forged.status, 401);
    assert.deepEqual(forged.body, { message: 'Unauthorized' });
    const expired = await call(
      'GET',
      '/notes',
      await issuer.idToken(alice, Math.floor(Date.now() / 1000) - 7200),
    );
    assert.equal(expired.status, 401);
    assert.deepEqual(expired.body, { message: 'The incoming token has expired' });
  });

  it('answers GET /me from the verified claims', async () => {
    const me = await call('GET', '/me', await issuer.idToken(alice));
    assert.equal(me.status, 200);
    assert.equal(
      me.body!['message'],
      `Hello, ${alice['cognito:username']} with email alice@example.com!`,
    );
  });

  it('answers GET /custom/me through our own Lambda TOKEN authorizer', async () => {
    const me = await call('GET', '/custom/me', `Bearer ${await issuer.idToken(alice)}`);
    assert.equal(me.status, 200);
    assert.equal(
      me.body!['message'],
      `Hello, ${alice['cognito:username']} with email alice@example.com!`,
    );
    const refused = await call('GET', '/custom/me', 'Bearer not-a-token');
    assert.equal(refused.status, 401);
  });

  it('lets the machine client add a note for a user (write scope) but not read them (403)', async () => {
    const token = await issuer.accessToken();
    const added = await call('POST', '/integrations/v1/notes', `Bearer ${token}`, {
      userId: bob.sub,
      content: 'from the back office',
    });
    assert.equal(added.status, 201);
    const read = await call('GET', `/integrations/v1/notes?userId=${bob.sub}`, `Bearer ${token}`);
    assert.equal(read.status, 403);
    assert.deepEqual(read.body, { message: 'Forbidden' });
    const bobNotes = await call('GET', '/notes', await issuer.idToken(bob));
    assert.deepEqual(
      (bobNotes.body!['notes'] as NoteBody[]).map((n) => n.content),
      ['from the back office'],
    );
  });

  it('makes the machine client’s retries idempotent without a read: the same request answers the stored note, a different one under its noteId is a 409', async () => {
    const token = `Bearer ${await issuer.accessToken()}`;
    const noteId = '01JD0Z8Q5V9X3M2K7T4R6Y1B8D';
    const request = { userId: bob.sub, noteId, title: 'CRM', content: 'call back' };
    const first = await call('POST', '/integrations/v1/notes', token, request);
    assert.equal(first.status, 201);
    const retry = await call('POST', '/integrations/v1/notes', token, request);
    assert.equal(retry.status, 201);
    // The very note of the first write: its times and version were not rewritten by the retry.
    assert.deepEqual(retry.body!['note'], first.body!['note']);
    const other = await call('POST', '/integrations/v1/notes', token, {
      ...request,
      content: 'something else',
    });
    assert.equal(other.status, 409);
    assert.deepEqual(other.body, {
      message: `A different note with noteId ${noteId} already exists`,
    });
    const stored = await call('GET', `/notes/${noteId}`, await issuer.idToken(bob));
    assert.deepEqual(stored.body!['note'], first.body!['note']);
  });

  it('answers /health without a token', async () => {
    assert.equal((await call('GET', '/health', undefined)).status, 200);
  });
});
