import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isNoteId, newNoteId } from './note-id.ts';

it('makes ULIDs that sort in creation order, even many within one millisecond', () => {
  const ids = Array.from({ length: 5000 }, () => newNoteId());
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.every(isNoteId));
});

it('starts with the creation time in milliseconds (48 bits, Crockford base32)', () => {
  const later = Date.now() + 3_600_000; // after every id made so far, so monotonic mode does not apply
  const prefix = newNoteId(later).slice(0, 10);
  const decoded = [...prefix].reduce(
    (value, char) => value * 32 + '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(char),
    0,
  );
  assert.equal(decoded, later);
});

it('recognizes only ULIDs as note ids', () => {
  for (const bad of [
    '',
    'abc',
    '01ARZ3NDEKTSV4RRFFQ69G5FAVX',
    '01arz3ndektsv4rrffq69g5fav',
    '01ARZ3NDEKTSV4RRFFQ69G5FAI',
    '81ARZ3NDEKTSV4RRFFQ69G5FAV',
  ]) {
    assert.equal(isNoteId(bad), false, bad);
  }
  assert.equal(isNoteId('01ARZ3NDEKTSV4RRFFQ69G5FAV'), true);
});
