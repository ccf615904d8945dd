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
import { scopes } from './pool.ts';

/** A handler by module and export name, so Lambda bundling and the gateway can both load it. */
export interface HandlerRef {
  /** Path from the repository root, e.g. `api/notes/handlers.ts`. */
  readonly module: string;
  readonly export: string;
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
}

const notesHandlers = 'api/notes/handlers.ts';
const integrationHandlers = 'api/integrations/handlers.ts';
const idToken: Authorizer = { type: 'cognito-user-pool', scopes: [] };
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
): Route => ({ name, api: 'rest', method, path, payloadVersion: '1.0', handler, authorizer });
/** An HTTP API route, with payload 2.0. */
export const http = (
  name: string,
  method: HttpMethod,
  path: string,
  handler: HandlerRef,
  authorizer: Authorizer,
): Route => ({ name, api: 'http', method, path, payloadVersion: '2.0', handler, authorizer });

export const routes: readonly Route[] = [
  rest(
    'health',
    'GET',
    '/health',
    { module: 'api/health.ts', export: 'handler' },
    { type: 'none' },
  ),
  rest('createNote', 'POST', '/notes', { module: notesHandlers, export: 'createNote' }, idToken),
  rest('listNotes', 'GET', '/notes', { module: notesHandlers, export: 'listNotes' }, idToken),
  rest('getNote', 'GET', '/notes/{noteId}', { module: notesHandlers, export: 'getNote' }, idToken),
  rest(
    'updateNote',
    'PUT',
    '/notes/{noteId}',
    { module: notesHandlers, export: 'updateNote' },
    idToken,
  ),
  rest(
    'deleteNote',
    'DELETE',
    '/notes/{noteId}',
    { module: notesHandlers, export: 'deleteNote' },
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
    { module: integrationHandlers, export: 'addNoteForUser' },
    { type: 'jwt', audience: ['machine'], scopes: [scopes.notesWrite] },
  ),
  http(
    'integrationListNotes',
    'GET',
    '/integrations/v1/notes',
    { module: integrationHandlers, export: 'listNotesOfUser' },
    { type: 'jwt', audience: ['machine'], scopes: [scopes.notesRead] },
  ),
];
