import type { Note } from '../../../api/notes/note-shape';

export type { Note, NoteInput, NotesPage } from '../../../api/notes/note-shape';
/** The API's limits, used here only to guide the person typing. */
export { limits as noteLimits } from '../../../api/notes/note-shape';

/** What a list shows for a note: its title, else its first non-empty line. */
export function noteHeading(note: Pick<Note, 'title' | 'content'>): string {
  const title = note.title?.trim();
  if (title) return title;
  const firstLine =
    note.content
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? '';
  return firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine || 'Untitled note';
}
