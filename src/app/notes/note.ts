/** A note as the Notes API returns it (see api/notes/note.ts). */
export interface Note {
  readonly noteId: string;
  readonly title?: string;
  readonly content: string;
  /** ISO 8601, UTC. */
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Starts at 1 and grows by one per update; sent back on update to detect conflicts. */
  readonly version: number;
}

export interface NoteInput {
  readonly title?: string;
  readonly content: string;
}

export interface NotesPage {
  readonly notes: readonly Note[];
  /** Opaque; absent or null on the last page. */
  readonly nextCursor?: string | null;
}

/** Limits the API enforces (api/notes/note.ts), repeated here only to guide the person typing. */
export const noteLimits = { title: 200, content: 100_000 } as const;

/** What a list shows for a note: its title, else its first non-empty line. */
export function noteHeading(note: Pick<Note, 'title' | 'content'>): string {
  const title = note.title?.trim();
  if (title) return title;
  const firstLine = note.content.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
  return firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine || 'Untitled note';
}
