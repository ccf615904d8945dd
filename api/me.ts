/**
 * `GET /me` and `GET /custom/me`: the caller as the backend sees them. Everything comes from
 * `requestContext.authorizer`, i.e. what the authorizer verified; the Authorization header is
 * never decoded here (a handler that decodes it would trust an unverified token).
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { UnauthorizedError } from './http/errors.ts';
import { handle, json } from './http/response.ts';

type Context = Readonly<Record<string, unknown>>;

function greeting(username: unknown, email: unknown): string {
  return `Hello, ${typeof username === 'string' ? username : '(unknown)'} with email ${typeof email === 'string' ? email : '(none)'}!`;
}

/** Cognito user-pool authorizer (ID token): the token's claims, as strings, under `claims`. */
export const getMe = handle('getMe', async (event: APIGatewayProxyEvent) => {
  const claims = (event.requestContext.authorizer as { claims?: Context } | null | undefined)
    ?.claims;
  if (!claims || typeof claims['sub'] !== 'string') throw new UnauthorizedError();
  return json(200, {
    message: greeting(claims['cognito:username'] ?? claims['username'], claims['email']),
    claims,
  });
});

/**
 * Lambda TOKEN authorizer: API Gateway puts the authorizer's `principalId` and `context` entries
 * directly into `requestContext.authorizer` (plus its own `integrationLatency`, dropped here).
 */
export const getMeFromAuthorizerContext = handle(
  'getMeFromAuthorizerContext',
  async (event: APIGatewayProxyEvent) => {
    const { integrationLatency: _latency, ...claims } = (event.requestContext.authorizer ??
      {}) as Context;
    if (typeof claims['sub'] !== 'string') throw new UnauthorizedError();
    return json(200, { message: greeting(claims['username'], claims['email']), claims });
  },
);
