/**
 * Integrations (HTTP API, payload 2.0) for machine clients holding a client_credentials access
 * token; the JWT authorizer has already checked issuer, audience and the route's scope. The
 * target user is named explicitly (their `sub`), because a machine token has no user.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { jsonBody } from '../http/request.ts';
import { handle, json } from '../http/response.ts';
import { validator } from '../http/validation.ts';
import { notesPage } from '../notes/cursor.ts';
import { cursorKeysFor, cursorKeysFromEnv, type CursorKeySource } from '../notes/cursor-keys.ts';
import { createNoteSchema, etagOf, type CreateNoteBody } from '../notes/note.ts';
import { notesStoreFromEnv, type NotesStore } from '../notes/store.ts';
import { declaredHandler } from '../routes.ts';

/** Cognito `sub`s (and so the local pool's usernames) are UUIDs. */
const userId = {
  type: 'string',
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
} as const;

const parseAddNote = validator<CreateNoteBody & { userId: string }>(
  {
    ...createNoteSchema,
    properties: { ...createNoteSchema.properties, userId },
    required: ['userId', ...createNoteSchema.required],
  },
  'note',
);

const parseListQuery = validator<{ userId: string; limit?: string; cursor?: string }>(
  {
    type: 'object',
    properties: { userId, limit: { type: 'string' }, cursor: { type: 'string' } },
    required: ['userId'],
  },
  'query',
);

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

type IntegrationHandlerName = 'addNoteForUser' | 'listNotesOfUser';

/**
 * `store(handler)`: the store a handler may use (restricted to its declared table actions);
 * `cursorKeys(handler)`: the keys that sign its cursors.
 */
export function integrationHandlers(
  store: (handler: IntegrationHandlerName) => NotesStore,
  cursorKeys: (handler: IntegrationHandlerName) => CursorKeySource = () => cursorKeysFromEnv(),
) {
  return {
    /** `POST /integrations/v1/notes` (scope notes.write): `{userId, content, title?, noteId?}`. */
    addNoteForUser: handle('addNoteForUser', async (event: Event) => {
      const { userId: owner, ...input } = parseAddNote(jsonBody(event));
      const { note } = await store('addNoteForUser').create(owner, input);
      return json(201, { message: 'Note created', userId: owner, note }, { ETag: etagOf(note) });
    }),

    /** `GET /integrations/v1/notes?userId=…&limit=…&cursor=…` (scope notes.read). */
    listNotesOfUser: handle('listNotesOfUser', async (event: Event) => {
      const query = parseListQuery(event.queryStringParameters ?? {});
      // Bound to the target user: a cursor for one user's notes cannot page another's.
      const { notes, nextCursor } = await notesPage(
        store('listNotesOfUser'),
        query.userId,
        query,
        cursorKeys('listNotesOfUser'),
      );
      return json(200, { userId: query.userId, notes, nextCursor });
    }),
  };
}

/** This module as `api/routes.ts` names it: each export gets the access declared there. */
const module = 'api/integrations/handlers.ts';

export const { addNoteForUser, listNotesOfUser } = integrationHandlers(
  (name) => notesStoreFromEnv(declaredHandler(module, name)),
  (name) => cursorKeysFor(declaredHandler(module, name)),
);
