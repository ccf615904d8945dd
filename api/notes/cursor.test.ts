import assert from 'node:assert/strict';
import { it } from 'node:test';
import { BadRequestError } from '../http/errors.ts';
import { CursorCodec } from './cursor.ts';
import { newNoteId } from './note-id.ts';

const codec = new CursorCodec('a-key-of-at-least-16-bytes');
/** A list position as the store hands it out: `updatedAt#noteId`. */
const noteId = `2026-11-23T09:30:00.000Z#${newNoteId()}`;

it('round-trips a list position for the owner it was issued to', () => {
  assert.equal(codec.decode('alice', codec.encode('alice', noteId)), noteId);
});

it('refuses a cursor issued to someone else, under another key, or edited', () => {
  const cursor = codec.encode('alice', noteId);
  assert.throws(() => codec.decode('bob', cursor), BadRequestError);
  assert.throws(
    () => new CursorCodec('another-key-0123456789').decode('alice', cursor),
    BadRequestError,
  );
  const [id, mac] = cursor.split('.') as [string, string];
  assert.throws(
    () => codec.decode('alice', `${Buffer.from(newNoteId()).toString('base64url')}.${mac}`),
    BadRequestError,
  );
  assert.throws(
    () => codec.decode('alice', `${id}.${mac.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`),
    BadRequestError,
  );
  assert.throws(() => codec.decode('alice', ''), BadRequestError);
});

it('even a correctly signed value that is not a list position is refused', () => {
  // e.g. a key that would make DynamoDB reject the ExclusiveStartKey with a 500
  const sneaky = codec.encode('alice', 'x'.repeat(2000));
  assert.throws(() => codec.decode('alice', sneaky), BadRequestError);
  // a bare note id (what cursors held before the list was ordered by last change)
  assert.throws(() => codec.decode('alice', codec.encode('alice', newNoteId())), BadRequestError);
  assert.throws(
    () => codec.decode('alice', codec.encode('alice', `yesterday#${newNoteId()}`)),
    BadRequestError,
  );
});

it('signs with its first key and also accepts the others (the key before a rotation)', () => {
  const old = new CursorCodec('the-key-before-rotation');
  const rotated = new CursorCodec('the-key-after-rotation', 'the-key-before-rotation');
  const cursor = old.encode('alice', noteId);
  assert.equal(rotated.decode('alice', cursor), noteId);
  assert.throws(() => old.decode('alice', rotated.encode('alice', noteId)), BadRequestError);
  assert.throws(() => rotated.decode('bob', cursor), BadRequestError);
});
