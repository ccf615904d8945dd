import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { createRequire } from 'node:module';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { notesTable } from '../api/notes/table.ts';
import { NotesStore, documentClientFromEnv } from '../api/notes/store.ts';
import { startDynamoDb } from './dynamodb.ts';

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'local-dynamodb-test-'));
  dirs.push(dir);
  return dir;
}

it('creates the Notes table with the declared key schema, ready at once', async () => {
  const db = await startDynamoDb({ dataDir: await tempDir(), port: 0 });
  try {
    assert.match(db.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new DynamoDBClient({
      endpoint: db.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const { Table } = await client.send(new DescribeTableCommand({ TableName: notesTable.name }));
    client.destroy();
    assert.equal(Table?.TableStatus, 'ACTIVE');
    assert.deepEqual(Table?.KeySchema, [
      { AttributeName: 'userId', KeyType: 'HASH' },
      { AttributeName: 'noteId', KeyType: 'RANGE' },
    ]);
  } finally {
    await db.close();
  }
});

it('keeps notes on disk under <dataDir>/dynamodb across restarts, and restarting is harmless', async () => {
  const dataDir = await tempDir();
  const first = await startDynamoDb({ dataDir, port: 0 });
  const client = documentClientFromEnv({ DYNAMODB_ENDPOINT: first.endpoint });
  const { note } = await new NotesStore({ client }).create('user-1', {
    title: 'kept',
    content: 'across restarts',
  });
  client.destroy();
  await first.close();
  assert.ok((await readdir(join(dataDir, 'dynamodb'))).length > 0);

  const second = await startDynamoDb({ dataDir, port: 0 });
  try {
    const again = documentClientFromEnv({ DYNAMODB_ENDPOINT: second.endpoint });
    assert.deepEqual(await new NotesStore({ client: again }).get('user-1', note.noteId), note);
    again.destroy();
  } finally {
    await second.close();
  }
});

it('fails clearly when the port is taken', async () => {
  const db = await startDynamoDb({ dataDir: await tempDir(), port: 0 });
  try {
    const port = Number(new URL(db.endpoint).port);
    await assert.rejects(startDynamoDb({ dataDir: await tempDir(), port }), /EADDRINUSE/);
  } finally {
    await db.close();
  }
});

it('releases the LevelDB iterator of every Query, and reads LevelDB in small batches (patches/ for dynalite and classic-level)', async () => {
  // dynalite's streams called iterator.return(), which abstract-level iterators lack, so each
  // Query kept its LevelDB iterator (and its memory) open for good. Count the iterators the
  // database has open: abstract-level attaches each one on creation and detaches it on close().
  // And the size of each native read: classic-level reserves room for that many entries (about
  // 64 KB for its stock 1000) and frees it only when V8 collects the iterator, long after close();
  // under load hundreds waited for a GC (≈ 65 MiB of RSS over 50 000 GET /notes).
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const { AbstractLevel } = fromDynalite('abstract-level') as {
    AbstractLevel: { prototype: Record<'attachResource' | 'detachResource', (r: object) => void> };
  };
  const fromClassicLevel = createRequire(fromDynalite.resolve('classic-level'));
  const binding = fromClassicLevel('./binding.js') as {
    iterator_nextv(context: unknown, size: number): Promise<unknown[]>;
  };
  const open = new Set<object>();
  const readSizes: number[] = [];
  const { attachResource, detachResource } = AbstractLevel.prototype;
  const { iterator_nextv: nativeNextv } = binding;
  AbstractLevel.prototype.attachResource = function (resource) {
    open.add(resource);
    attachResource.call(this, resource);
  };
  AbstractLevel.prototype.detachResource = function (resource) {
    open.delete(resource);
    detachResource.call(this, resource);
  };
  binding.iterator_nextv = (context, size) => {
    readSizes.push(size);
    return nativeNextv(context, size);
  };
  const db = await startDynamoDb({ dataDir: await tempDir(), port: 0 });
  const client = documentClientFromEnv({ DYNAMODB_ENDPOINT: db.endpoint });
  try {
    const store = new NotesStore({ client });
    for (let i = 0; i < 30; i += 1) await store.create('user-q', { content: `note ${i}` });
    const queries = 100;
    for (let i = 0; i < queries; i += 1) {
      // a page that stops early, the page after it (ExclusiveStartKey), and one read to the end
      const first = await store.list('user-q', { limit: 2 });
      assert.ok(first.lastKey);
      await store.list('user-q', { limit: 2, after: first.lastKey });
      await store.list('user-q', { limit: 50 });
    }
    // search reads the index in pages of its own, with a filter
    for (let i = 0; i < queries / 4; i += 1)
      await store.search('user-q', { text: 'note 1', limit: 3, scanBudget: 20 });
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(
      open.size <= 2,
      `${open.size} LevelDB iterators still open after ${queries * 3.25} queries (is patches/dynalite+4.0.0.patch applied? npm install applies it)`,
    );
    assert.ok(readSizes.length >= queries * 3, `only ${readSizes.length} reads seen`);
    assert.ok(
      Math.max(...readSizes) <= 64,
      `LevelDB read of up to ${Math.max(...readSizes)} entries at once (patches/classic-level+3.0.0.patch reads 64)`,
    );
  } finally {
    AbstractLevel.prototype.attachResource = attachResource;
    AbstractLevel.prototype.detachResource = detachResource;
    binding.iterator_nextv = nativeNextv;
    client.destroy();
    await db.close();
  }
});
