/**
 * THE route table: which routes exist and what protects them. The local gateway
 * (`local/gateway/`) serves it and the CDK stack (`infra/`) synthesizes it; neither describes a
 * route a second time.
 *
 * Two API styles, as on AWS:
 * - `rest`: API Gateway REST API, Lambda proxy payload 1.0. Protected by the Cognito user-pool
 *   authorizer (ID token in `Authorization`, or an access token when the route lists scopes) or
 *   by our Lambda TOKEN authorizer.
 * - `http`: API Gateway HTTP API, payload 2.0, JWT authorizer with per-route scopes, for machine
 *   clients holding a client_credentials access token.
 */
import type { Access } from './access.ts';
import { notesTable } from './notes/table.ts';
import { createNoteSchema, updateNoteSchema } from './notes/note.ts';
import { scopes } from './pool.ts';
import { triggers } from './triggers/declaration.ts';

/** A handler by module and export name, so Lambda bundling and the gateway can both load it. */
export interface HandlerRef {
  /** Path from the repository root, e.g. `api/notes/handlers.ts`. */
  readonly module: string;
  readonly export: string;
  /**
   * Every AWS action the handler performs (see `api/access.ts`): its Lambda role allows exactly
   * these, and its SDK clients refuse any other. None when absent.
   */
  readonly access?: Access;
}

export type Authorizer =
  | { readonly type: 'none' }
  /** REST API Cognito user-pool authorizer; scopes (if any) require an access token. */
  | { readonly type: 'cognito-user-pool'; readonly scopes: readonly string[] }
  /** HTTP API JWT authorizer: issuer = the pool, audience = app clients by their key in `userPool.clients` (api/pool.ts). */
  | {
      readonly type: 'jwt';
      readonly audience: readonly string[];
      readonly scopes: readonly string[];
    }
  /** REST API Lambda TOKEN authorizer; its policy is cached per token for `resultTtlSeconds`. */
  | {
      readonly type: 'lambda-token';
      readonly function: HandlerRef;
      readonly resultTtlSeconds: number;
    };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Route {
  /** Stable name, used for Lambda function ids and logs. */
  readonly name: string;
  readonly api: 'rest' | 'http';
  readonly method: HttpMethod;
  /** API Gateway path template, e.g. `/notes/{noteId}`. */
  readonly path: string;
  readonly payloadVersion: '1.0' | '2.0';
  readonly handler: HandlerRef;
  readonly authorizer: Authorizer;
  /**
   * JSON Schema (draft 4 subset) of the body, the one the handler validates with: on AWS the
   * REST API also validates bodies against it before a Lambda runs.
   */
  readonly body?: object;
}

const notesHandlers = 'api/notes/handlers.ts';
const integrationHandlers = 'api/integrations/handlers.ts';
const idToken: Authorizer = { type: 'cognito-user-pool', scopes: [] };
/** A notes handler and the AWS actions its code performs. */
const notes = (name: string, access: Access): HandlerRef => ({
  module: notesHandlers,
  export: name,
  access,
});
const adminUsers = (
  name: string,
  cognitoIdp: readonly string[],
  dynamodb?: Access['dynamodb'],
): HandlerRef => ({
  module: 'api/admin/handlers.ts',
  export: name,
  access: { 'cognito-idp': cognitoIdp, ...(dynamodb ? { dynamodb } : {}) },
});
/** Back office routes: an access token of the SPA client carrying the admin scope. */
const adminScope: Authorizer = { type: 'jwt', audience: ['spa'], scopes: [scopes.admin] };
const integration = (name: string, access: Access): HandlerRef => ({
  module: integrationHandlers,
  export: name,
  access,
});
/** The list is one Query on the byLastChange index, never on the table; its cursors are signed. */
const listAccess: Access = {
  dynamodbIndexes: { [notesTable.byLastChange.name]: ['Query'] },
  secrets: ['cursorKey'],
};
const tokenAuthorizer: Authorizer = {
  type: 'lambda-token',
  function: { module: 'api/authorizer/token-authorizer.ts', export: 'handler' },
  resultTtlSeconds: 300,
};

/** A REST API route: Lambda proxy payload 1.0, the only one a REST API speaks. */
export const rest = (
  name: string,
  method: HttpMethod,
  path: string,
  handler: HandlerRef,
  authorizer: Authorizer,
  body?: object,
): Route => ({
  name,
  api: 'rest',
  method,
  path,
  payloadVersion: '1.0',
  handler,
  authorizer,
  ...(body ? { body } : {}),
});
/** An HTTP API route, with payload 2.0. */
export const http = (
  name: string,
  method: HttpMethod,
  path: string,
  handler: HandlerRef,
  authorizer: Authorizer,
): Route => ({ name, api: 'http', method, path, payloadVersion: '2.0', handler, authorizer });

// Table actions: a create is one conditional UpdateItem that also makes a retried noteId
// idempotent without reading (the same request answers the stored note, a different one is a 409
// without its content), so no creator, the integration writer included, can read; an update or
// delete reads after a failed condition to tell 404 from 412; reads never write, nothing scans.
export const routes: readonly Route[] = [
  rest(
    'health',
    'GET',
    '/health',
    { module: 'api/health.ts', export: 'handler' },
    { type: 'none' },
  ),
  rest(
    'createNote',
    'POST',
    '/notes',
    notes('createNote', { dynamodb: ['UpdateItem'] }),
    idToken,
    createNoteSchema,
  ),
  rest('listNotes', 'GET', '/notes', notes('listNotes', listAccess), idToken),
  // A bounded scan of the caller's own partition (see NotesStore.search); before /notes/{noteId}
  // for readers: API Gateway, like the local router, prefers the static segment.
  rest('searchNotes', 'GET', '/notes/search', notes('searchNotes', listAccess), idToken),
  rest('getNote', 'GET', '/notes/{noteId}', notes('getNote', { dynamodb: ['GetItem'] }), idToken),
  rest(
    'updateNote',
    'PUT',
    '/notes/{noteId}',
    notes('updateNote', { dynamodb: ['UpdateItem', 'GetItem'] }),
    idToken,
    updateNoteSchema,
  ),
  rest(
    'deleteNote',
    'DELETE',
    '/notes/{noteId}',
    notes('deleteNote', { dynamodb: ['DeleteItem', 'GetItem'] }),
    idToken,
  ),
  rest('getMe', 'GET', '/me', { module: 'api/me.ts', export: 'getMe' }, idToken),
  rest(
    'getMeCustom',
    'GET',
    '/custom/me',
    { module: 'api/me.ts', export: 'getMeFromAuthorizerContext' },
    tokenAuthorizer,
  ),
  http(
    'integrationAddNote',
    'POST',
    '/integrations/v1/notes',
    integration('addNoteForUser', { dynamodb: ['UpdateItem'] }),
    { type: 'jwt', audience: ['machine'], scopes: [scopes.notesWrite] },
  ),
  http(
    'integrationListNotes',
    'GET',
    '/integrations/v1/notes',
    integration('listNotesOfUser', listAccess),
    { type: 'jwt', audience: ['machine'], scopes: [scopes.notesRead] },
  ),
  // The back office (api/admin/): one COUNT Query per listed user gives their note count.
  http(
    'adminListUsers',
    'GET',
    '/admin/users',
    adminUsers('listUsers', ['ListUsers', 'AdminListGroupsForUser'], ['Query']),
    adminScope,
  ),
  http(
    'adminDisableUser',
    'POST',
    '/admin/users/{username}/disable',
    adminUsers('disableUser', ['AdminDisableUser', 'AdminUserGlobalSignOut']),
    adminScope,
  ),
  http(
    'adminEnableUser',
    'POST',
    '/admin/users/{username}/enable',
    adminUsers('enableUser', ['AdminEnableUser']),
    adminScope,
  ),
  http(
    'adminAddAdmin',
    'PUT',
    '/admin/users/{username}/admin',
    adminUsers('addAdmin', ['AdminAddUserToGroup']),
    adminScope,
  ),
  http(
    'adminRemoveAdmin',
    'DELETE',
    '/admin/users/{username}/admin',
    adminUsers('removeAdmin', ['AdminRemoveUserFromGroup']),
    adminScope,
  ),
];

/**
 * Every handler a function runs for: route handlers, Lambda authorizers and the Cognito triggers
 * (api/triggers/declaration.ts), each with its `access`. Admin functions belong here too (e.g.
 * `'cognito-idp': ['AdminAddUserToGroup']`): `infra/least-privilege.test.ts` fails for any function
 * with table or pool access that is not declared here, and their Cognito client should go through
 * `restrictTo(client, 'cognito-idp', ref)`.
 */
export function declaredHandlers(): HandlerRef[] {
  const byKey = new Map<string, HandlerRef>();
  for (const ref of Object.values(triggers)) byKey.set(`${ref.module}#${ref.export}`, ref);
  for (const route of routes) {
    byKey.set(`${route.handler.module}#${route.handler.export}`, route.handler);
    if (route.authorizer.type === 'lambda-token')
      byKey.set(
        `${route.authorizer.function.module}#${route.authorizer.function.export}`,
        route.authorizer.function,
      );
  }
  return [...byKey.values()];
}

/** The declaration of one handler; throws if `module#export` is not declared here. */
export function declaredHandler(module: string, exportName: string): HandlerRef {
  const found = declaredHandlers().find(
    (ref) => ref.module === module && ref.export === exportName,
  );
  if (!found) throw new Error(`${module}#${exportName} is not declared in api/routes.ts`);
  return found;
}
