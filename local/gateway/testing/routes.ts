/** Routes that exercise every gateway feature with the test handlers beside this file. */
import { http, rest, type Authorizer, type HandlerRef, type Route } from '../../../api/routes.ts';

const handlers = 'local/gateway/testing/handlers.ts';
const h = (name: string): HandlerRef => ({ module: handlers, export: name });
const none: Authorizer = { type: 'none' };
const idToken: Authorizer = { type: 'cognito-user-pool', scopes: [] };
export const readScope = 'notes-api/notes.read';
export const writeScope = 'notes-api/notes.write';
const customAuthorizer = (resultTtlSeconds: number): Authorizer => ({
  type: 'lambda-token',
  function: { module: 'local/gateway/testing/authorizer.ts', export: 'handler' },
  resultTtlSeconds,
});

export const testRoutes: readonly Route[] = [
  rest('open', 'GET', '/open', h('echo'), none),
  rest('openPost', 'POST', '/open', h('echo'), none),
  rest('idEcho', 'GET', '/id/echo', h('echo'), idToken),
  rest('idItem', 'PUT', '/id/items/{itemId}', h('echo'), idToken),
  rest('itemsList', 'GET', '/id/items/latest', h('echo'), idToken),
  rest('scoped', 'GET', '/scoped/echo', h('echo'), {
    type: 'cognito-user-pool',
    scopes: [readScope],
  }),
  rest('custom', 'GET', '/custom/echo', h('echo'), customAuthorizer(300)),
  rest('customDelete', 'DELETE', '/custom/echo', h('echo'), customAuthorizer(300)),
  rest('customUncached', 'GET', '/custom/uncached', h('echo'), customAuthorizer(0)),
  rest('files', 'GET', '/files/{path+}', h('echo'), none),
  rest('fails', 'GET', '/fails', h('fails'), none),
  rest('malformed', 'GET', '/malformed', h('malformed'), none),
  rest('injectsHeader', 'GET', '/injects-header', h('injectsHeader'), none),
  rest('shapes', 'GET', '/shapes', h('shapes'), none),
  rest('slow', 'GET', '/slow', h('slow'), none),
  rest('callback', 'GET', '/callback', h('callbackStyle'), none),
  rest('upload', 'POST', '/sized', h('sized'), none),
  rest('download', 'GET', '/sized', h('sized'), none),
  rest('missingExport', 'GET', '/missing-export', h('doesNotExist'), none),
  http('machineWrite', 'POST', '/integrations/v1/echo', h('echo'), {
    type: 'jwt',
    audience: ['machine'],
    scopes: [writeScope],
  }),
  http('machineRead', 'GET', '/integrations/v1/echo', h('echo'), {
    type: 'jwt',
    audience: ['machine'],
    scopes: [readScope],
  }),
  http('anyClient', 'GET', '/integrations/v1/plain/{id}', h('plain'), {
    type: 'jwt',
    audience: ['machine', 'spa'],
    scopes: [],
  }),
  http('httpFails', 'GET', '/integrations/v1/fails', h('fails'), none),
  http('httpCookies', 'GET', '/integrations/v1/cookies', h('withCookies'), none),
];
