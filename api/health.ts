import type { APIGatewayProxyEvent } from 'aws-lambda';
import { handle, json } from './http/response.ts';

/** Liveness only: no authorizer, no DynamoDB call, so it answers even when the table is down. */
export const handler = handle('health', async (_event: APIGatewayProxyEvent) =>
  json(200, { status: 'ok' }),
);
