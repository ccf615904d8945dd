/**
 * The headers API Gateway adds to every answer: CORS (unless the answer set its own), the request
 * ids each API style sends (REST: `x-amzn-RequestId`, `x-amz-apigw-id`, `X-Amzn-Trace-Id`; HTTP
 * API: `apigw-requestid`), and the length.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { CorsPolicy } from './cors.ts';
import type { RequestInfo } from './events.ts';
import type { Outcome } from './outcome.ts';

export function responseHeaders(
  outcome: Outcome,
  request: RequestInfo,
  entropy: string,
  requestHeaders: IncomingHttpHeaders,
  cors: CorsPolicy,
  closeConnection: boolean,
): (readonly [string, string])[] {
  const headers: (readonly [string, string])[] = [...outcome.answer.headers];
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  if (!has('access-control-allow-origin'))
    headers.push(...Object.entries(cors.answerHeaders(requestHeaders.origin)));
  if (outcome.api === 'rest') {
    headers.push(
      ['x-amzn-RequestId', request.requestId],
      ['x-amz-apigw-id', request.extendedRequestId],
      [
        'X-Amzn-Trace-Id',
        `Root=1-${Math.floor(request.timeEpoch / 1000).toString(16)}-${entropy.slice(8, 32)}`,
      ],
    );
  } else {
    headers.push(['apigw-requestid', request.extendedRequestId]);
  }
  headers.push(['content-length', String(outcome.answer.body.length)]);
  if (closeConnection) headers.push(['connection', 'close']);
  return headers;
}
