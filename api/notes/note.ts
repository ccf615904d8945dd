import { validator } from '../http/validation.ts';
import { noteIdPattern } from './note-id.ts';

/** A note as the API returns it (the owner's `userId` stays in the table). */
export interface Note {
  readonly noteId: string;
  readonly title?: string;
  readonly content: string;
  /** ISO 8601, UTC. */
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Starts at 1, +1 per update; also the `ETag`. */
  readonly version: number;
}

/** The `ETag` of a note: its version, quoted. */
export const etagOf = (note: Note): string => `"${note.version}"`;

export const limits = { title: 200, content: 100_000 } as const;

export interface NoteInput {
  readonly title?: string;
  readonly content: string;
}

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
