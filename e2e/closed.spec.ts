/**
 * The cloud `npm run cloud` starts (local/main.ts, here on the test ports) and the site server are
 * closed to other hosts and pages as configured: the site's origin (LOCAL_CLOUD_ORIGINS) gets
 * CORS from Cognito, a foreign origin and a foreign Host do not. The journeys prove the app itself
 * still works through the same servers.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { e2ePorts } from '../playwright.config.ts';

function get(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; allowOrigin: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      const allowOrigin = res.headers['access-control-allow-origin'];
      res.on('end', () => resolve({ status: res.statusCode!, allowOrigin }));
    });
    req.on('error', reject);
    req.end();
  });
}

const siteOrigin = `http://localhost:${e2ePorts.site}`;

test('every server of the test cloud and the site refuse a foreign Host with 403', async () => {
  const servers = [
    { port: e2ePorts.site, path: '/' },
    { port: e2ePorts.cognito, path: '/_mailbox' },
    { port: e2ePorts.api, path: '/health' },
    { port: e2ePorts.dynamodb, path: '/' },
  ];
  for (const { port, path } of servers) {
    expect((await get(port, path, { host: `localhost:${port}` })).status, `port ${port}`).toBe(200);
    expect((await get(port, path, { host: `rebound.example:${port}` })).status).toBe(403);
  }
});

test("Cognito and the mailbox answer the site's origin and refuse another", async () => {
  const fromSite = await get(e2ePorts.cognito, '/_mailbox', {
    host: `localhost:${e2ePorts.cognito}`,
    origin: siteOrigin,
  });
  expect(fromSite).toEqual({ status: 200, allowOrigin: siteOrigin });
  const fromPage = await get(e2ePorts.cognito, '/_mailbox', {
    host: `localhost:${e2ePorts.cognito}`,
    origin: 'http://evil.example',
  });
  expect(fromPage).toEqual({ status: 403, allowOrigin: undefined });
  const toDynamoDb = await get(e2ePorts.dynamodb, '/', {
    host: `localhost:${e2ePorts.dynamodb}`,
    origin: siteOrigin,
  });
  expect(toDynamoDb).toEqual({ status: 403, allowOrigin: undefined });
});

test('in Chromium, a page of another origin cannot read the mailbox or reach DynamoDB; the app can', async ({
  page,
}) => {
  // Another page on this machine, without the site's CSP: only the cloud's own rules stop it.
  const foreign = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<title>another page</title>'),
  );
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  const tryFetch = (url: string, init?: RequestInit) =>
    page.evaluate(
      async ([target, options]) => {
        try {
          const response = await fetch(target!, options as RequestInit);
          return `${response.status} ${(await response.text()).slice(0, 1)}`;
        } catch (error) {
          return `refused: ${(error as Error).name}`;
        }
      },
      [url, init] as const,
    );
  const mailbox = `http://localhost:${e2ePorts.cognito}/_mailbox`;
  const scan = {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.Scan',
    },
    body: JSON.stringify({ TableName: 'Notes' }),
  };
  try {
    await page.goto(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`);
    expect(await tryFetch(mailbox)).toBe('refused: TypeError');
    expect(await tryFetch(`http://localhost:${e2ePorts.dynamodb}/`, scan)).toBe(
      'refused: TypeError',
    );
  } finally {
    foreign.close();
  }
  await page.goto('/');
  expect(await tryFetch(mailbox)).toBe('200 [');
});
