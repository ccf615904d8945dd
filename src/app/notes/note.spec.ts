import { noteHeading } from './note';
import { isNoteId, newNoteId } from '../../../api/notes/note-id';

describe('noteHeading', () => {
  it('uses the title when there is one', () => {
    expect(noteHeading({ title: ' Groceries ', content: 'milk' })).toBe('Groceries');
  });

  it('otherwise uses the first non-empty line of the content, shortened', () => {
    expect(noteHeading({ content: '\n\n  Call the bank  \nabout the card' })).toBe('Call the bank');
    expect(noteHeading({ content: 'x'.repeat(200) })).toBe(`${'x'.repeat(79)}…`);
  });

  it('calls an empty note "Untitled note"', () => {
    expect(noteHeading({ content: '   ' })).toBe('Untitled note');
  });
});

describe('newNoteId (api/notes/note-id.ts, shared with the API)', () => {
  it('makes ULIDs the API accepts, in the browser', () => {
    for (let i = 0; i < 50; i++) expect(isNoteId(newNoteId())).toBeTrue();
  });
});
