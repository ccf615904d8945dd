/**
 * Reads one request into what the event builders need: path and query as received, the body
 * within API Gateway's payload quota, and the request ids API Gateway would assign.
 */
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { RequestInfo } from './events.ts';
import { readBody } from '../request-body.ts';

const emptyBody = Buffer.alloc(0);

export interface ReadRequest {
  readonly request: RequestInfo;
  /** The URL as received, for the access log. */
  readonly target: string;
  /** The body was over the quota: it is not kept (the rest is still unread), the answer is a 413. */
  readonly tooLarge: boolean;
  /** The random part of the request ids, reused for the trace id. */
  readonly entropy: string;
}

export async function readRequest(
  req: IncomingMessage,
  maxBodyBytes: number,
  timeEpoch: number,
): Promise<ReadRequest> {
  const target = req.url ?? '/';
  const queryAt = target.indexOf('?');
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? '' : target.slice(queryAt + 1);
  // One draw of randomness per request (randomUUID is served from a pooled entropy cache).
  const requestId = randomUUID();
  const entropy = requestId.replaceAll('-', '');
  const extendedRequestId = Buffer.from(entropy.slice(0, 24), 'hex').toString('base64');

  // Stops at the quota (or at an announced Content-Length over it): the 413 then goes out while
  // the client may still be sending, and the server discards the rest (local/request-body.ts).
  // Without Content-Length or Transfer-Encoding a request has no body (RFC 9112 §6.3): nothing
  // to read, and Node discards the empty stream after the answer.
  const hasBody =
    req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  const { body, tooLarge } = hasBody
    ? await readBody(req, maxBodyBytes)
    : { body: emptyBody, tooLarge: false };
  const request: RequestInfo = {
    method: req.method ?? 'GET',
    rawPath,
    rawQuery,
    rawHeaders: req.rawHeaders,
    body,
    sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    protocol: `HTTP/${req.httpVersion}`,
    requestId,
    extendedRequestId,
    timeEpoch,
  };
  return { request, target, tooLarge, entropy };
}
