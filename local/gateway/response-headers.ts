/**
 * The headers API Gateway adds to every answer: CORS (unless the answer set its own), the request
 * ids each API style sends (REST: `x-amzn-RequestId`, `x-amz-apigw-id`, `X-Amzn-Trace-Id`; HTTP
 * API: `apigw-requestid`), and the length.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { CorsPolicy } from './cors.ts';
import type { RequestInfo } from './events.ts';
import type { Outcome } from './outcome.ts';

/** The answer's headers and the gateway's, flat (`[name, value, name, value, …]`) for `writeHead`. */
export function responseHeaders(
  outcome: Outcome,
  request: RequestInfo,
  entropy: string,
  requestHeaders: IncomingHttpHeaders,
  cors: CorsPolicy,
  closeConnection: boolean,
): string[] {
  const flat: string[] = [];
  let hasCors = false;
  for (const [name, value] of outcome.answer.headers) {
    flat.push(name, value);
    if (!hasCors && name.length === 27 && name.toLowerCase() === 'access-control-allow-origin')
      hasCors = true;
  }
  if (!hasCors && requestHeaders.origin !== undefined)
    for (const [name, value] of Object.entries(cors.answerHeaders(requestHeaders.origin)))
      flat.push(name, value);
  if (outcome.api === 'rest') {
    flat.push(
      'x-amzn-RequestId',
      request.requestId,
      'x-amz-apigw-id',
      request.extendedRequestId,
      'X-Amzn-Trace-Id',
      `Root=1-${Math.floor(request.timeEpoch / 1000).toString(16)}-${entropy.slice(8, 32)}`,
    );
  } else {
    flat.push('apigw-requestid', request.extendedRequestId);
  }
  flat.push('content-length', String(outcome.answer.bytes));
  if (closeConnection) flat.push('connection', 'close');
  return flat;
}
