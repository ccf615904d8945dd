import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { ManualClock } from '../testing/clock.ts';
import { spaOrigin, startTestGateway, type TestGateway } from './testing/fixture.ts';

let t: TestGateway;
let slowGateway: TestGateway;
// the test issuer's tokens use the real time; the gateway's clock starts a little later so they are valid
const clock = new ManualClock(Date.now() + 5000);
const clfPattern = /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;
before(async () => {
  t = await startTestGateway({
    clock,
    maxBodyBytes: 1024 * 1024,
    maxLambdaPayloadBytes: 700 * 1024,
  });
  slowGateway = await startTestGateway({ integrationTimeoutMs: 50 });
});
after(async () => {
  await t.close();
  await slowGateway.close();
});

interface EchoV1 {
  event: {
    resource: string;
    path: string;
    httpMethod: string;
    headers: Record<string, string>;
    multiValueHeaders: Record<string, string[]>;
    queryStringParameters: Record<string, string> | null;
    multiValueQueryStringParameters: Record<string, string[]> | null;
    pathParameters: Record<string, string> | null;
    body: string | null;
    isBase64Encoded: boolean;
    requestContext: Record<string, unknown> & {
      identity: { sourceIp: string; userAgent: string };
      authorizer: unknown;
    };
  };
  context: { functionName: string; remaining: number };
}

describe('listening', () => {
  it('serves localhost on 127.0.0.1 and, where the machine has IPv6, on ::1 too', async () => {
    const { port } = new URL(t.url);
    assert.equal(new URL(t.url).hostname, 'localhost');
    assert.equal((await fetch(`http://127.0.0.1:${port}/open`)).status, 200);
    const hasIpv6Loopback = Object.values(networkInterfaces())
      .flat()
      .some((i) => i?.address === '::1');
    if (hasIpv6Loopback) assert.equal((await fetch(`http://[::1]:${port}/open`)).status, 200);
  });
});

describe('routing as API Gateway does it', () => {
  it('answers an unknown REST path with 403 "Missing Authentication Token"', async () => {
    const res = await fetch(`${t.url}/nowhere`, { headers: { origin: spaOrigin } });
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { message: 'Missing Authentication Token' });
    assert.equal(res.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.equal(res.headers.get('access-control-allow-origin'), spaOrigin);
  });

  it('answers a known path with an unknown method the same way (REST APIs have no 405)', async () => {
    const res = await fetch(`${t.url}/open`, { method: 'DELETE' });
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { message: 'Missing Authentication Token' });
  });

  it('reads a Bearer header on an unknown REST path as a broken SigV4 signature, as AWS does', async () => {
    const res = await fetch(`${t.url}/note`, { headers: { authorization: 'Bearer abc.def.ghi' } });
    assert.equal(res.status, 403);
    const expectedHash = createHash('sha256').update('Bearer abc.def.ghi').digest('base64');
    assert.deepEqual(await res.json(), {
      message: `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${expectedHash}'.`,
    });
    assert.equal(res.headers.get('x-amzn-errortype'), 'IncompleteSignatureException');
  });

  it('answers an unknown path under the HTTP API with 404 "Not Found"', async () => {
    const res = await fetch(`${t.url}/integrations/v1/nothing`);
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { message: 'Not Found' });
  });

  it('prefers a static segment over a path parameter', async () => {
    const res = await fetch(`${t.url}/id/items/latest`, {
      headers: { authorization: await t.issuer.idToken() },
    });
    assert.equal(((await res.json()) as EchoV1).event.resource, '/id/items/latest');
  });

  it('fills pathParameters, decoded, and a greedy {path+} takes the rest of the path', async () => {
    const res = await fetch(`${t.url}/files/a/b%20c/d.txt`);
    const { event } = (await res.json()) as EchoV1;
    assert.deepEqual(event.pathParameters, { path: 'a/b c/d.txt' });
    assert.equal(event.resource, '/files/{path+}');
  });
});

describe('payload 1.0 event (REST)', () => {
  it("carries method, path, headers in the client's case, query strings, body and request context", async () => {
    const res = await fetch(`${t.url}/open?tag=a&tag=b&q=x%20y`, {
      method: 'POST',
      headers: {
        'X-Custom': 'one',
        'content-type': 'application/json',
        'user-agent': 'test-agent',
      },
      body: '{"hello":"world"}',
    });
    assert.equal(res.status, 200);
    const { event, context } = (await res.json()) as EchoV1;
    assert.equal(event.httpMethod, 'POST');
    assert.equal(event.path, '/open');
    assert.equal(event.resource, '/open');
    assert.equal(event.headers['X-Custom'] ?? event.headers['x-custom'], 'one');
    assert.deepEqual(event.queryStringParameters, { tag: 'b', q: 'x y' });
    assert.deepEqual(event.multiValueQueryStringParameters, { tag: ['a', 'b'], q: ['x y'] });
    assert.equal(event.body, '{"hello":"world"}');
    assert.equal(event.isBase64Encoded, false);
    assert.equal(event.pathParameters, null);
    assert.equal(event.requestContext['requestId'], res.headers.get('x-amzn-requestid'));
    assert.equal(event.requestContext['extendedRequestId'], res.headers.get('x-amz-apigw-id'));
    assert.match(String(event.requestContext['requestTime']), clfPattern);
    assert.equal(event.requestContext['requestTimeEpoch'], clock.now());
    assert.equal(event.requestContext['stage'], 'local');
    assert.equal(event.requestContext['resourcePath'], '/open');
    assert.match(event.requestContext.identity.sourceIp, /^(127\.0\.0\.1|::1)$/);
    assert.equal(event.requestContext.identity.userAgent, 'test-agent');
    assert.deepEqual(event.requestContext.authorizer, { claims: null, scopes: null });
    assert.equal(context.functionName, 'openPost');
    assert.ok(context.remaining > 0);
  });

  it('passes a request without query or body as null fields', async () => {
    const { event } = (await (await fetch(`${t.url}/open`)).json()) as EchoV1;
    assert.equal(event.queryStringParameters, null);
    assert.equal(event.multiValueQueryStringParameters, null);
    assert.equal(event.body, null);
  });
});

describe('payload 2.0 event (HTTP API)', () => {
  it('lowercases headers, joins repeated query values with commas and moves cookies to their own list', async () => {
    const res = await fetch(`${t.url}/integrations/v1/echo?a=1&a=2`, {
      method: 'POST',
      headers: {
        authorization: await t.issuer.accessToken(),
        cookie: 'x=1; y=2',
        'X-Custom': 'v',
        'content-type': 'text/plain',
      },
      body: 'hi',
    });
    assert.equal(res.status, 200);
    const { event } = (await res.json()) as {
      event: Record<string, unknown> & {
        headers: Record<string, string>;
        requestContext: Record<string, unknown>;
      };
    };
    assert.equal(event['version'], '2.0');
    assert.equal(event['rawPath'], '/integrations/v1/echo');
    assert.equal(event['rawQueryString'], 'a=1&a=2');
    assert.deepEqual(event['queryStringParameters'], { a: '1,2' });
    assert.deepEqual(event['cookies'], ['x=1', 'y=2']);
    assert.equal(event.headers['x-custom'], 'v');
    assert.equal(event.headers['cookie'], undefined);
    assert.equal(event['body'], 'hi');
    assert.equal(event['isBase64Encoded'], false);
    assert.equal(event.requestContext['stage'], '$default');
    assert.match(String(event.requestContext['time']), clfPattern);
    assert.equal(event.requestContext['timeEpoch'], clock.now());
    const http = event.requestContext['http'] as Record<string, string>;
    assert.deepEqual(
      { ...http, sourceIp: '-' },
      {
        method: 'POST',
        path: '/integrations/v1/echo',
        protocol: 'HTTP/1.1',
        sourceIp: '-',
        userAgent: 'node',
      },
    );
    assert.match(http['sourceIp']!, /^(127\.0\.0\.1|::1)$/);
  });

  it('answers a bare object from a 2.0 handler as a 200 JSON body', async () => {
    const res = await fetch(`${t.url}/integrations/v1/plain/7`, {
      headers: { authorization: await t.issuer.accessToken() },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.deepEqual(await res.json(), { ok: true, path: '/integrations/v1/plain/7' });
  });
});

describe('proxy results mapped back to HTTP', () => {
  it('merges headers and multiValueHeaders (multi wins) and decodes a base64 body', async () => {
    const res = await fetch(`${t.url}/shapes`);
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('x-single'), 'one');
    assert.equal(res.headers.get('x-multi'), 'a, b');
    assert.equal(res.headers.get('x-both'), 'from-multi');
    assert.deepEqual([...new Uint8Array(await res.arrayBuffer())], [0, 1, 2, 255]);
  });

  it('sends payload 2.0 cookies as set-cookie headers', async () => {
    const res = await fetch(`${t.url}/integrations/v1/cookies`);
    assert.deepEqual(res.headers.getSetCookie(), ['a=1; Path=/', 'b=2']);
    assert.equal(await res.text(), 'ok');
  });

  it('supports callback-style handlers', async () => {
    const res = await fetch(`${t.url}/callback`);
    assert.equal(res.status, 202);
    assert.deepEqual(await res.json(), { via: 'callback' });
  });

  it('answers 502 "Internal server error" for a malformed REST proxy result', async () => {
    const res = await fetch(`${t.url}/malformed`);
    assert.equal(res.status, 502);
    assert.deepEqual(await res.json(), { message: 'Internal server error' });
  });

  it('answers 502 for a header value with a line break instead of sending it (no header injection)', async () => {
    const res = await fetch(`${t.url}/injects-header`);
    assert.equal(res.status, 502);
    assert.equal(res.headers.get('set-cookie'), null);
  });

  it('refuses to start when a JWT route names an app client it has no id for', async () => {
    await assert.rejects(
      startTestGateway({ clientIds: { spa: 'only-the-spa' } }),
      /no client id for app client "machine"/,
    );
  });

  it('answers 502 when a REST handler throws, and keeps its error out of the answer but in the log', async () => {
    const res = await fetch(`${t.url}/fails`, { headers: { origin: spaOrigin } });
    assert.equal(res.status, 502);
    const text = await res.text();
    assert.equal(text, '{"message":"Internal server error"}');
    assert.equal(res.headers.get('access-control-allow-origin'), spaOrigin);
    assert.match(t.logLines.at(-1)!, /fails failed: Error: database password/);
  });

  it('answers 500 "Internal Server Error" when an HTTP API handler throws', async () => {
    const res = await fetch(`${t.url}/integrations/v1/fails`);
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { message: 'Internal Server Error' });
  });

  it('answers 502 when the handler module has no such export', async () => {
    assert.equal((await fetch(`${t.url}/missing-export`)).status, 502);
  });

  it('answers 504 "Endpoint request timed out" after the integration timeout', async () => {
    const res = await fetch(`${slowGateway.url}/slow`);
    assert.equal(res.status, 504);
    assert.deepEqual(await res.json(), { message: 'Endpoint request timed out' });
  });
});

describe('CORS', () => {
  it('adds the SPA origin to a successful answer', async () => {
    const res = await fetch(`${t.url}/open`, { headers: { origin: spaOrigin } });
    assert.equal(res.headers.get('access-control-allow-origin'), spaOrigin);
    assert.match(res.headers.get('access-control-expose-headers')!, /ETag/);
    assert.equal(res.headers.get('vary'), 'Origin');
  });

  it('adds nothing for an origin that is not allowed', async () => {
    const res = await fetch(`${t.url}/open`, { headers: { origin: 'https://evil.example' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });

  it("answers a preflight itself, without authorization, with the path's methods and the headers the SPA sends", async () => {
    const res = await fetch(`${t.url}/custom/echo`, {
      method: 'OPTIONS',
      headers: {
        origin: spaOrigin,
        'access-control-request-method': 'DELETE',
        'access-control-request-headers': 'authorization,if-match',
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), spaOrigin);
    assert.deepEqual(res.headers.get('access-control-allow-methods')!.split(',').sort(), [
      'DELETE',
      'GET',
      'OPTIONS',
    ]);
    const allowed = res.headers.get('access-control-allow-headers')!.toLowerCase().split(',');
    for (const header of ['authorization', 'content-type', 'if-match'])
      assert.ok(allowed.includes(header), header);
  });

  it('answers a preflight from a foreign origin without allow-origin', async () => {
    const res = await fetch(`${t.url}/open`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });

  it('answers a preflight for an unknown path like any unknown route', async () => {
    const res = await fetch(`${t.url}/nowhere`, {
      method: 'OPTIONS',
      headers: { origin: spaOrigin, 'access-control-request-method': 'GET' },
    });
    assert.equal(res.status, 403);
  });
});

describe('payload quota', () => {
  it('answers 413 "Request Too Long" for a body over the limit, announced by content-length', async () => {
    const res = await fetch(`${t.url}/open`, {
      method: 'POST',
      headers: { origin: spaOrigin },
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    assert.equal(res.status, 413);
    assert.deepEqual(await res.json(), { message: 'Request Too Long' });
    assert.equal(res.headers.get('access-control-allow-origin'), spaOrigin);
  });

  it('answers 413 for a chunked body that grows over the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${t.url}/open`,
        { method: 'POST', headers: { 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 20; i += 1) req.write(Buffer.alloc(64 * 1024, 1));
      req.end();
    });
    assert.equal(status, 413);
  });

  it("answers Node's fetch posting 11 MB with the 413, at API Gateway's 10 MB quota, every time", async () => {
    const gateway = await startTestGateway();
    try {
      const body = Buffer.alloc(11 * 1024 * 1024, 0x78);
      for (let i = 0; i < 3; i += 1) {
        const res = await fetch(`${gateway.url}/open`, { method: 'POST', body });
        assert.equal(res.status, 413);
        assert.deepEqual(await res.json(), { message: 'Request Too Long' });
      }
      // Streamed without Content-Length: the 413 arrives while the client is still sending.
      let sent = 0;
      let answered = false;
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (answered || sent >= 30 * 1024 * 1024) return controller.close();
          sent += 256 * 1024;
          controller.enqueue(new Uint8Array(256 * 1024));
          await new Promise((resolve) => setTimeout(resolve, 1));
        },
      });
      const res = await fetch(`${gateway.url}/open`, {
        method: 'POST',
        body: stream,
        duplex: 'half',
      } as RequestInit);
      answered = true;
      assert.ok(sent < 20 * 1024 * 1024, `answered after ${sent} bytes, not at the end`);
      assert.equal(res.status, 413);
      assert.deepEqual(await res.json(), { message: 'Request Too Long' });
    } finally {
      await gateway.close();
    }
  });

  it("answers 413 for a body under the gateway quota whose event exceeds Lambda's payload quota", async () => {
    const res = await fetch(`${t.url}/sized`, { method: 'POST', body: 'x'.repeat(800 * 1024) });
    assert.equal(res.status, 413);
    assert.deepEqual(await res.json(), { message: 'Request Too Long' });
  });

  it('passes a body under both quotas to the handler whole', async () => {
    const res = await fetch(`${t.url}/sized`, { method: 'POST', body: 'x'.repeat(600 * 1024) });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { received: 600 * 1024 });
  });

  it("answers 502 when the handler's answer exceeds Lambda's payload quota", async () => {
    assert.equal((await fetch(`${t.url}/sized?big=${600 * 1024}`)).status, 200);
    const res = await fetch(`${t.url}/sized?big=${800 * 1024}`);
    assert.equal(res.status, 502);
    assert.deepEqual(await res.json(), { message: 'Internal server error' });
  });
});

describe('access log', () => {
  it('writes one line per request with method, path, status, duration, request id and route', async () => {
    const before = t.logLines.length;
    const res = await fetch(`${t.url}/open?x=1`);
    await res.text();
    assert.equal(t.logLines.length - before, 1);
    const line = t.logLines.at(-1)!;
    assert.match(line, /"GET \/open\?x=1 HTTP\/1\.1" 200 \d+B [\d.]+ms/);
    assert.ok(line.includes(`id=${res.headers.get('x-amzn-requestid')}`));
    assert.match(line, /route=open/);
  });
});
