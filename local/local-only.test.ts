/**
 * Every local server answers only loopback `Host`s (DNS-rebinding defence) and only the app's web
 * origins: through real HTTP against the real servers.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startUserPool, type UserPoolServer } from './cognito/server.ts';
import { startDynamoDb, type LocalDynamoDb } from './dynamodb.ts';
import { localClientIds } from './cognito/pool-config.ts';
import { startGateway, type Gateway } from './gateway/server.ts';

const appOrigin = 'http://localhost:4200';
const foreignOrigin = 'http://evil.example';

/** A raw request, so `Host` can be anything (fetch always sends the URL's host). */
function send(
  url: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = request(
      url + (options.path ?? '/'),
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('closed to other hosts and origins', () => {
  let dataDir: string;
  let pool: UserPoolServer;
  let gateway: Gateway;
  let dynamodb: LocalDynamoDb;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-only-test-'));
    pool = await startUserPool({
      dataDir,
      port: 0,
      log: () => undefined,
      allowedOrigins: [appOrigin],
    });
    dynamodb = await startDynamoDb({ dataDir, port: 0 });
    gateway = await startGateway({
      port: 0,
      issuer: pool.issuer,
      jwksUri: pool.jwksUri,
      clientIds: localClientIds,
      allowedOrigins: [appOrigin],
    });
  });
  after(async () => {
    await Promise.all([pool.close(), gateway.close(), dynamodb.close()]);
    await rm(dataDir, { recursive: true, force: true });
  });

  const servers = () => ({
    cognito: { url: pool.url, path: `/${pool.poolId}/.well-known/jwks.json` },
    gateway: { url: gateway.url, path: '/health' },
    dynamodb: { url: dynamodb.endpoint, path: '/' },
  });

  it('answers localhost, 127.0.0.1 and [::1] with the right port on every server', async () => {
    for (const [name, { url, path }] of Object.entries(servers())) {
      const port = new URL(url).port;
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
        const answer = await send(url, { path, headers: { host } });
        assert.equal(answer.status, 200, `${name} with Host ${host}`);
      }
    }
  });

  it('refuses a foreign Host (DNS rebinding), another port or none with 403 and one line why', async () => {
    for (const [name, { url, path }] of Object.entries(servers())) {
      const port = Number(new URL(url).port);
      for (const host of [
        `evil.example:${port}`,
        'localhost',
        `localhost:${port + 1}`,
        `127.0.0.2:${port}`,
      ]) {
        const answer = await send(url, { path, headers: { host } });
        assert.equal(answer.status, 403, `${name} with Host ${host}`);
        const { message } = JSON.parse(answer.body) as { message: string };
        assert.match(
          message,
          /^Host "[^"]+" refused: this local server answers only localhost:\d+, 127\.0\.0\.1:\d+, \[::1\]:\d+ \(DNS-rebinding defence\)$/,
        );
        assert.equal(answer.headers['access-control-allow-origin'], undefined);
      }
    }
  });

  it("answers CORS on Cognito for the app's origin only, never *", async () => {
    const preflight = {
      method: 'OPTIONS',
      headers: {
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target',
      },
    };
    const allowed = await send(pool.url, {
      ...preflight,
      headers: { ...preflight.headers, origin: appOrigin },
    });
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers['access-control-allow-origin'], appOrigin);

    const refused = await send(pool.url, {
      ...preflight,
      headers: { ...preflight.headers, origin: foreignOrigin },
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers['access-control-allow-origin'], undefined);
    assert.match(
      (JSON.parse(refused.body) as { message: string }).message,
      /Origin "http:\/\/evil\.example" refused/,
    );

    const call = await send(pool.url, {
      method: 'POST',
      headers: {
        origin: foreignOrigin,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp',
      },
      body: JSON.stringify({
        ClientId: localClientIds['spa'] ?? '',
        Username: 'x@example.com',
        Password: 'Passw0rd!x',
      }),
    });
    assert.equal(call.status, 403);
    assert.equal(call.headers['access-control-allow-origin'], undefined);
  });

  it('hands the mailbox to no page but the app (no Origin: a person or a test; or the app)', async () => {
    assert.equal((await send(pool.url, { path: '/_mailbox' })).status, 200);
    const fromApp = await send(pool.url, { path: '/_mailbox', headers: { origin: appOrigin } });
    assert.equal(fromApp.status, 200);
    const fromPage = await send(pool.url, {
      path: '/_mailbox',
      headers: { origin: foreignOrigin },
    });
    assert.equal(fromPage.status, 403);
    assert.doesNotMatch(fromPage.body, /code/);
  });

  it('keeps DynamoDB away from every web page: no CORS, preflights and Origin-bearing calls refused', async () => {
    const scan = {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.Scan',
        'x-amz-date': '20260101T000000Z',
        authorization:
          'AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
      },
      body: JSON.stringify({ TableName: 'Notes' }),
    };
    for (const origin of [foreignOrigin, appOrigin]) {
      const preflight = await send(dynamodb.endpoint, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      assert.equal(preflight.status, 403, `preflight from ${origin}`);
      assert.equal(preflight.headers['access-control-allow-origin'], undefined);
      const call = await send(dynamodb.endpoint, { ...scan, headers: { ...scan.headers, origin } });
      assert.equal(call.status, 403, `Scan from ${origin}`);
      assert.doesNotMatch(call.body, /Items/);
    }
    const fromSdk = await send(dynamodb.endpoint, scan);
    assert.equal(
      fromSdk.status,
      200,
      `a non-browser client (the SDK) still works: ${fromSdk.body}`,
    );
  });

  it("answers the gateway's CORS for the app's origin only", async () => {
    const app = await send(gateway.url, { path: '/health', headers: { origin: appOrigin } });
    assert.equal(app.headers['access-control-allow-origin'], appOrigin);
    const page = await send(gateway.url, { path: '/health', headers: { origin: foreignOrigin } });
    assert.equal(page.headers['access-control-allow-origin'], undefined);
  });
});
