/** The stored DynamoDB item of a note, and the conversions between it and the API's note. */
import { newNoteId } from './note-id.ts';
import type { CreateNoteBody, Note } from './note.ts';
import { lastChangeKey } from './table.ts';

/** The stored item: the note plus its owner (the partition key) and its place in the list. */
export interface NoteItem extends Note {
  readonly userId: string;
  readonly updatedKey: string;
}

export function toNote(item: object): Note {
  const { userId: _owner, updatedKey: _place, ...note } = item as unknown as NoteItem;
  return note;
}

export function newItem(userId: string, input: CreateNoteBody, now: Date): NoteItem {
  const noteId = input.noteId ?? newNoteId(now.getTime());
  const updatedAt = now.toISOString();
  return {
    userId,
    noteId,
    ...(input.title !== undefined ? { title: input.title } : {}),
    content: input.content,
    createdAt: updatedAt,
    updatedAt,
    version: 1,
    updatedKey: lastChangeKey({ updatedAt, noteId }),
  };
}
