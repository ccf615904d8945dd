/**
 * The Notes REST API (payload 1.0) behind the Cognito user-pool authorizer. The caller is
 * `requestContext.authorizer.claims.sub`, already verified by API Gateway (or the local
 * gateway); the handlers never look at the Authorization header.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import {
  BadRequestError,
  NotFoundError,
  PreconditionRequiredError,
  UnauthorizedError,
} from '../http/errors.ts';
import { header, jsonBody } from '../http/request.ts';
import { handle, json, type JsonResult } from '../http/response.ts';
import { notesPage, searchPage } from './cursor.ts';
import { cursorKeysFor, cursorKeysFromEnv, type CursorKeySource } from './cursor-keys.ts';
import { isNoteId } from './note-id.ts';
import { etagOf, parseCreateNote, parseUpdateNote } from './note.ts';
import type { NotesPage } from './note-shape.ts';
import { notesStoreFromEnv, type NotesStore } from './store.ts';
import { declaredHandler } from '../routes.ts';

type Event = APIGatewayProxyEvent;

/** The verified caller's `sub`. Missing only if a route was deployed without its authorizer. */
function callerOf(event: Event): string {
  const claims = (
    event.requestContext.authorizer as { claims?: Record<string, unknown> } | null | undefined
  )?.claims;
  const sub = claims?.['sub'];
  if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError();
  return sub;
}

/** The path's note id; a malformed id cannot name a note, so it is a 404 without a lookup. */
function noteIdOf(event: Event): string {
  const noteId = event.pathParameters?.['noteId'];
  if (!noteId || !isNoteId(noteId)) throw new NotFoundError('Note not found');
  return noteId;
}

/** `If-Match: "3"` (or `W/"3"`, or a bare `3`) → 3; `*` → any version (undefined). */
function ifMatchVersion(value: string): number | undefined {
  const trimmed = value.trim();
  if (trimmed === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(trimmed);
  if (!match)
    throw new BadRequestError('Invalid If-Match header', {
      'If-Match': 'must be the ETag of the note, e.g. "3"',
    });
  return Number(match[1]);
}

/**
 * `store(handler)`: the store a handler may use (restricted to its declared table actions);
 * `cursorKeys(handler)`: the keys that sign its cursors.
 */
export function notesHandlers(
  store: (handler: NotesHandlerName) => NotesStore,
  cursorKeys: (handler: NotesHandlerName) => CursorKeySource = () => cursorKeysFromEnv(),
) {
  return {
    createNote: handle('createNote', async (event: Event): Promise<JsonResult> => {
      const userId = callerOf(event);
      const input = parseCreateNote(jsonBody(event));
      const { note } = await store('createNote').create(userId, input);
      return json(201, { message: 'Note created', note }, { ETag: etagOf(note) });
    }),

    listNotes: handle('listNotes', async (event: Event): Promise<JsonResult> => {
      const query = event.queryStringParameters ?? {};
      const { notes, nextCursor } = await notesPage(
        store('listNotes'),
        callerOf(event),
        { limit: query['limit'], cursor: query['cursor'] },
        cursorKeys('listNotes'),
      );
      return json(200, { notes, nextCursor } satisfies NotesPage);
    }),

    searchNotes: handle('searchNotes', async (event: Event): Promise<JsonResult> => {
      const query = event.queryStringParameters ?? {};
      const { notes, nextCursor } = await searchPage(
        store('searchNotes'),
        callerOf(event),
        { q: query['q'], limit: query['limit'], cursor: query['cursor'] },
        cursorKeys('searchNotes'),
      );
      return json(200, { notes, nextCursor } satisfies NotesPage);
    }),

    getNote: handle('getNote', async (event: Event): Promise<JsonResult> => {
      const note = await store('getNote').get(callerOf(event), noteIdOf(event));
      if (!note) throw new NotFoundError('Note not found');
      return json(200, { note }, { ETag: etagOf(note) });
    }),

    updateNote: handle('updateNote', async (event: Event): Promise<JsonResult> => {
      const userId = callerOf(event);
      const noteId = noteIdOf(event);
      const { version, ...input } = parseUpdateNote(jsonBody(event));
      const ifMatch = header(event.headers, 'if-match');
      const expected = ifMatch !== undefined ? ifMatchVersion(ifMatch) : version;
      if (ifMatch !== undefined && version !== undefined && expected !== version) {
        throw new BadRequestError('If-Match and version disagree', {
          version: 'must match the If-Match header',
        });
      }
      // Without a version a stale editor would silently overwrite a newer save.
      if (ifMatch === undefined && version === undefined) {
        throw new PreconditionRequiredError(
          'Send the version you edited, as If-Match or "version"',
        );
      }
      const note = await store('updateNote').update(userId, noteId, input, expected);
      return json(200, { message: 'Note updated', note }, { ETag: etagOf(note) });
    }),

    deleteNote: handle('deleteNote', async (event: Event): Promise<JsonResult> => {
      const userId = callerOf(event);
      const noteId = noteIdOf(event);
      const ifMatch = header(event.headers, 'if-match');
      await store('deleteNote').delete(
        userId,
        noteId,
        ifMatch !== undefined ? ifMatchVersion(ifMatch) : undefined,
      );
      return json(200, { message: 'Note deleted', noteId });
    }),
  };
}

type NotesHandlerName =
  'createNote' | 'listNotes' | 'searchNotes' | 'getNote' | 'updateNote' | 'deleteNote';

/** This module as `api/routes.ts` names it: each export gets the access declared there. */
const module = 'api/notes/handlers.ts';

const handlers = notesHandlers(
  (name) => notesStoreFromEnv(declaredHandler(module, name)),
  (name) => cursorKeysFor(declaredHandler(module, name)),
);

export const { createNote, listNotes, searchNotes, getNote, updateNote, deleteNote } = handlers;
