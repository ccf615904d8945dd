import { notePreview } from './note-preview';

describe('notePreview', () => {
  it('is the first line of text the heading does not already show', () => {
    expect(notePreview({ title: 'Shopping', content: '\n milk \neggs' })).toBe('milk');
    expect(notePreview({ content: 'Call the bank\n\nabout the card' })).toBe('about the card');
    expect(notePreview({ content: 'only one line' })).toBe('');
  });

  it('is shortened to 140 characters', () => {
    expect(notePreview({ title: 'T', content: 'x'.repeat(300) })).toBe(`${'x'.repeat(139)}…`);
  });
});
