/** Handlers for the gateway's tests: they show what the gateway passed and exercise its answers. */

/** Answers with the event it received, so tests can read the event the gateway built. */
export const echo = async (
  event: unknown,
  context: { functionName: string; awsRequestId: string; getRemainingTimeInMillis(): number },
) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    event,
    context: {
      functionName: context.functionName,
      awsRequestId: context.awsRequestId,
      remaining: context.getRemainingTimeInMillis(),
    },
  }),
});

/** A payload 2.0 "simplified" answer: a bare object, no statusCode. */
export const plain = async (event: { rawPath: string }) => ({ ok: true, path: event.rawPath });

export const fails = async () => {
  throw new Error('database password is hunter2');
};

/** A body that is not a string: API Gateway calls this a malformed proxy response. */
export const malformed = async () => ({ statusCode: 200, body: { not: 'a string' } });

/** Headers in both maps, a base64 body, and (payload 2.0) cookies. */
export const shapes = async () => ({
  statusCode: 201,
  headers: {
    'content-type': 'application/octet-stream',
    'x-single': 'one',
    'x-both': 'from-headers',
  },
  multiValueHeaders: { 'x-multi': ['a', 'b'], 'x-both': ['from-multi'] },
  body: Buffer.from([0, 1, 2, 255]).toString('base64'),
  isBase64Encoded: true,
});

export const withCookies = async () => ({
  statusCode: 200,
  cookies: ['a=1; Path=/', 'b=2'],
  body: 'ok',
  headers: { 'content-type': 'text/plain' },
});

export const slow = async () => {
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { statusCode: 200, body: '{}' };
};

/** Node callback style, which Lambda's Node runtime also accepts. */
export const callbackStyle = (
  _event: unknown,
  _context: unknown,
  callback: (error: unknown, result: unknown) => void,
) => {
  setImmediate(() => callback(null, { statusCode: 202, body: '{"via":"callback"}' }));
};

let fixedBody = '{}';
/** Sets what `fixed` answers (the benchmark compares the gateway's own cost on a constant answer). */
export const setFixedBody = (body: string): void => {
  fixedBody = body;
};
export const fixed = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: fixedBody,
});

/** Echoes the size of the body it got, or (with `?big=<bytes>`) answers with that many bytes. */
export const sized = async (event: {
  body: string | null;
  queryStringParameters: Record<string, string> | null;
}) => {
  const big = Number(event.queryStringParameters?.['big'] ?? 0);
  return {
    statusCode: 200,
    body: big > 0 ? 'x'.repeat(big) : JSON.stringify({ received: event.body?.length ?? 0 }),
  };
};

/** A header value with a line break: it must not reach the wire (header injection). */
export const injectsHeader = async () => ({
  statusCode: 200,
  headers: { 'x-evil': 'a\r\nSet-Cookie: session=stolen' },
  body: '{}',
});
