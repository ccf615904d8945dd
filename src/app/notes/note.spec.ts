import { noteHeading } from './note';
import { newNoteId } from './note-id';

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

describe('newNoteId', () => {
  it('makes ULIDs the API accepts (its pattern in api/notes/note-id.ts)', () => {
    const pattern = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
    for (let i = 0; i < 50; i++) expect(newNoteId()).toMatch(pattern);
  });

  it('puts the time first so ids sort by creation', () => {
    const zeros = () => new Uint8Array(16);
    expect(newNoteId(0, zeros)).toBe('0'.repeat(26));
    expect(newNoteId(1_700_000_000_000, zeros) < newNoteId(1_700_000_000_001, zeros)).toBeTrue();
    expect(newNoteId(1_700_000_000_000, zeros).slice(0, 10)).toBe('01HF7YAT00');
  });
});
