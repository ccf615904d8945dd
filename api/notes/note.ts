import { validator } from '../http/validation.ts';
import { noteIdPattern } from './note-id.ts';
import { limits, type Note, type NoteInput } from './note-shape.ts';

export { limits, type Note, type NoteInput };

/** The `ETag` of a note: its version, quoted. */
export const etagOf = (note: Note): string => `"${note.version}"`;

export interface CreateNoteBody extends NoteInput {
  /** Client-chosen ULID that makes a retried create idempotent. */
  readonly noteId?: string;
}

export interface UpdateNoteBody extends NoteInput {
  /** The version the client edited; or send it as `If-Match`. */
  readonly version?: number;
}

const title = { type: 'string', maxLength: limits.title } as const;
const content = { type: 'string', minLength: 1, maxLength: limits.content } as const;
const noteId = { type: 'string', pattern: noteIdPattern } as const;

export const createNoteSchema = {
  type: 'object',
  properties: { noteId, title, content },
  required: ['content'],
  additionalProperties: false,
} as const;

export const updateNoteSchema = {
  type: 'object',
  properties: { title, content, version: { type: 'integer', minimum: 1 } },
  required: ['content'],
  additionalProperties: false,
} as const;

export const parseCreateNote = validator<CreateNoteBody>(createNoteSchema, 'note');
export const parseUpdateNote = validator<UpdateNoteBody>(updateNoteSchema, 'note');
