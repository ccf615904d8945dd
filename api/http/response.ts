import { apiCors } from '../cors.ts';
import { HttpError } from './errors.ts';

/** The proxy result shape shared by payload 1.0 and 2.0 (`APIGatewayProxyResult` / `...StructuredResultV2`). */
export interface JsonResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Headers on every answer. On AWS a Lambda proxy integration must send CORS headers itself
 * (API Gateway only adds them to its own gateway responses), so the allowed origin comes from
 * `CORS_ALLOW_ORIGIN`; the local gateway adds CORS itself and leaves that variable unset.
 */
function baseHeaders(): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
  const origin = process.env['CORS_ALLOW_ORIGIN'];
  if (origin) {
    headers['Access-Control-Allow-Origin'] = origin;
    // The SPA reads the ETag for If-Match; browsers hide non-safelisted headers unless exposed.
    headers['Access-Control-Expose-Headers'] = apiCors.exposeHeaders.join(',');
    if (origin !== '*') headers['Vary'] = 'Origin';
  }
  return headers;
}

export function json(
  statusCode: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): JsonResult {
  return { statusCode, headers: { ...baseHeaders(), ...headers }, body: JSON.stringify(body) };
}

/** What `handle` needs from either payload version to log a failure against the request. */
interface EventWithRequestId {
  readonly requestContext?: { readonly requestId?: string } | null;
}

/**
 * Runs a handler body and turns thrown `HttpError`s into their JSON answers. Anything else is a
 * bug or an outage: it is logged with the request id and answered with a generic 500, so no
 * stack, table name or SDK message ever reaches the caller.
 */
export function handle<E extends EventWithRequestId>(
  name: string,
  body: (event: E) => Promise<JsonResult>,
): (event: E) => Promise<JsonResult> {
  return async (event) => {
    try {
      return await body(event);
    } catch (error) {
      if (error instanceof HttpError) return json(error.status, error.toBody(), error.headers);
      console.error(
        JSON.stringify({
          level: 'error',
          handler: name,
          requestId: event.requestContext?.requestId,
          error:
            error instanceof Error
              ? { name: error.name, message: error.message, stack: error.stack }
              : String(error),
        }),
      );
      return json(500, { message: 'Internal server error' });
    }
  };
}
