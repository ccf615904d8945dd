/**
 * Turns a handler's proxy result into the HTTP answer API Gateway would send. Payload 1.0 is
 * strict (a REST API answers 502 "Internal server error" for a malformed result); payload 2.0 also
 * accepts a bare value, which becomes a 200 JSON answer ("http-api-develop-integrations-lambda.md").
 */
import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { Route } from '../../api/routes.ts';
import { integrationFailure } from './errors.ts';

export interface HttpAnswer {
  readonly status: number;
  /** Repeated names allowed (`set-cookie`, multiValueHeaders). */
  readonly headers: readonly (readonly [string, string])[];
  /** A text body stays a string, so Node encodes it once, straight into the socket's buffer. */
  readonly body: Buffer | string;
  /** The body's length in bytes (`content-length`). */
  readonly bytes: number;
}

/** An answer with its byte length computed once. */
export function httpAnswer(
  status: number,
  headers: readonly (readonly [string, string])[],
  body: Buffer | string,
): HttpAnswer {
  return {
    status,
    headers,
    body,
    bytes: typeof body === 'string' ? Buffer.byteLength(body) : body.length,
  };
}

const allowedKeys = new Set([
  'statusCode',
  'headers',
  'multiValueHeaders',
  'body',
  'isBase64Encoded',
  'cookies',
]);
/** Framing is the gateway's business, not the function's. */
const hopByHop = new Set([
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
]);

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

export function toHttpAnswer(route: Route, result: unknown): HttpAnswer {
  const fail = (why: string) =>
    integrationFailure(route.api, `malformed Lambda proxy response from ${route.name}: ${why}`);
  const looksLikeProxyResult =
    typeof result === 'object' &&
    result !== null &&
    !Array.isArray(result) &&
    'statusCode' in result;
  if (route.payloadVersion === '2.0' && !looksLikeProxyResult) {
    if (result === undefined) throw fail('no result');
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return httpAnswer(200, [['content-type', 'application/json']], body);
  }
  if (!looksLikeProxyResult) throw fail('not an object with statusCode');
  const record = result as Record<string, unknown>;
  const unknownKey = Object.keys(record).find(
    (key) => !allowedKeys.has(key) || (key === 'cookies' && route.payloadVersion === '1.0'),
  );
  if (unknownKey) throw fail(`unexpected field "${unknownKey}"`);
  const status =
    typeof record['statusCode'] === 'string' ? Number(record['statusCode']) : record['statusCode'];
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
    throw fail('statusCode is not an HTTP status');

  const headers: [string, string][] = [];
  const multi = record['multiValueHeaders'];
  const multiNames = new Set<string>();
  if (multi !== undefined && multi !== null) {
    if (typeof multi !== 'object') throw fail('multiValueHeaders is not an object');
    for (const [name, values] of Object.entries(multi)) {
      if (!Array.isArray(values) || !values.every(isScalar))
        throw fail(`multiValueHeaders["${name}"] is not a list of strings`);
      multiNames.add(name.toLowerCase());
      for (const value of values) headers.push([name, String(value)]);
    }
  }
  const single = record['headers'];
  if (single !== undefined && single !== null) {
    if (typeof single !== 'object') throw fail('headers is not an object');
    for (const [name, value] of Object.entries(single)) {
      if (!isScalar(value)) throw fail(`headers["${name}"] is not a string`);
      // "If the same key is specified in both, only the values from multiValueHeaders appear"
      if (!multiNames.has(name.toLowerCase())) headers.push([name, String(value)]);
    }
  }
  const cookies = record['cookies'];
  if (cookies !== undefined) {
    if (!Array.isArray(cookies) || !cookies.every((c) => typeof c === 'string'))
      throw fail('cookies is not a list of strings');
    for (const cookie of cookies) headers.push(['set-cookie', cookie]);
  }
  const body = record['body'];
  if (body !== undefined && body !== null && typeof body !== 'string')
    throw fail('body is not a string');
  const isBase64Encoded = record['isBase64Encoded'];
  if (isBase64Encoded !== undefined && typeof isBase64Encoded !== 'boolean')
    throw fail('isBase64Encoded is not a boolean');
  for (const [name, value] of headers) {
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch {
      throw fail(`header "${name}" has characters HTTP does not allow`);
    }
  }
  const filtered = headers.filter(([name]) => !hopByHop.has(name.toLowerCase()));
  if (!filtered.some(([name]) => name.toLowerCase() === 'content-type'))
    filtered.push(['content-type', 'application/json']);
  return httpAnswer(
    status,
    filtered,
    typeof body !== 'string' ? '' : isBase64Encoded ? Buffer.from(body, 'base64') : body,
  );
}
