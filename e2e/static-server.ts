/**
 * Serves the production build the way CloudFront serves it on AWS, from the same rules
 * (infra/site-policy.ts): the SPA fallback (the CloudFront Function's own code, run here), S3's
 * 404 for a missing file, each object's Cache-Control, and the security headers (CSP with the
 * hash of index.html's inline script) on every answer, and the back office API under
 * `/admin-api/` proxied to the local gateway as CloudFront forwards it to the HTTP API. `config.json` is written from the
 * environment so end-to-end tests can point the very same build at a local cloud on test ports;
 * the CSP's `connect-src` names that cloud's API and Cognito, as the stack names the deployed ones.
 *
 * Usage: node e2e/static-server.ts <root> <port>
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { localCloud, type RuntimeConfig } from '../amplify-config.ts';
import { localRuntimeConfig } from '../local/dev-config.ts';
import {
  adminApiOriginUri,
  adminApiPathPrefix,
  cacheControlFor,
  isAdminApiPath,
  securityHeaders,
  viewerRequestUri,
} from '../infra/site-policy.ts';
import { localOnly } from '../local/local-only.ts';

const [rootArg = 'dist/notes/browser', portArg = '4300'] = process.argv.slice(2);
const root = resolve(rootArg);
const port = Number(portArg);

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const apiUrl = process.env['API_PORT']
  ? `http://localhost:${process.env['API_PORT']}`
  : localCloud.apiBaseUrl;
// The back office API on the site's own origin, proxied to the gateway as CloudFront does on AWS.
const runtimeConfig: RuntimeConfig = localRuntimeConfig({
  cognitoUrl: process.env['COGNITO_PORT']
    ? `http://localhost:${process.env['COGNITO_PORT']}`
    : localCloud.userPoolEndpoint,
  apiUrl,
  adminApiUrl: `http://localhost:${port}${adminApiPathPrefix}`,
});
const configJson = Buffer.from(JSON.stringify(runtimeConfig));

/**
 * Where this config sends the SPA: on AWS the stack lists the REST API and regional Cognito; the
 * back office API is the site's own origin ('self'), as CloudFront serves it there.
 */
function connectOrigins(config: RuntimeConfig): string[] {
  const cognito = config.userPoolEndpoint ?? `https://cognito-idp.${config.region}.amazonaws.com`;
  return [...new Set([new URL(config.apiBaseUrl).origin, new URL(cognito).origin])];
}

const indexPath = join(root, 'index.html');
if (!existsSync(indexPath)) {
  console.error(`static: ${root} has no index.html: run \`npm run build\` first`);
  process.exit(1);
}
// Computed once, like the stack at synth time: a rebuilt index.html needs a restarted server.
const headers = securityHeaders({
  indexHtml: readFileSync(indexPath, 'utf8'),
  connectOrigins: connectOrigins(runtimeConfig),
});

async function fileOrNull(path: string): Promise<string | null> {
  try {
    return (await stat(path)).isFile() ? path : null;
  } catch {
    return null;
  }
}

/** An S3 object: its body with an ETag, so `no-cache` revalidation gets a 304 as from S3. */
function sendObject(
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
  type: string,
  key: string,
): void {
  const etag = `"${createHash('md5').update(body).digest('hex')}"`;
  const objectHeaders = {
    ...headers,
    'content-type': type,
    'cache-control': cacheControlFor(key),
    etag,
  };
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, objectHeaders).end();
    return;
  }
  response.writeHead(200, { ...objectHeaders, 'content-length': body.length }).end(body);
}

/**
 * CloudFront's `/admin-api/*` behaviour: the prefix dropped by the same function's code, every
 * header but Host forwarded, nothing cached, the answer passed back with the site's headers.
 */
function proxyAdminApi(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://x');
  const target = new URL(`${adminApiOriginUri(url.pathname)}${url.search}`, apiUrl);
  const forwarded = { ...request.headers, host: target.host };
  const upstream = httpRequest(target, { method: request.method, headers: forwarded }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...headers });
    answer.pipe(response);
  });
  upstream.on('error', (error) => {
    console.error('static: admin API proxy:', error.message);
    if (!response.headersSent)
      response.writeHead(502, { ...headers, 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: 'Bad gateway' }));
  });
  request.pipe(upstream);
}

// Loopback Hosts only, like every local server (local/local-only.ts): no DNS rebinding.
const server = createServer(
  localOnly((request, response) => {
    if (isAdminApiPath(new URL(request.url ?? '/', 'http://x').pathname)) {
      proxyAdminApi(request, response);
      return;
    }
    void (async () => {
      // The CloudFront Function sees the raw path; S3 looks the decoded key up.
      const uri = viewerRequestUri(new URL(request.url ?? '/', 'http://x').pathname);
      let key: string;
      try {
        key = decodeURIComponent(uri);
      } catch {
        response
          .writeHead(400, { ...headers, 'content-type': 'text/plain' })
          .end('Bad request: malformed percent-encoding');
        return;
      }
      if (key === '/config.json') {
        sendObject(request, response, configJson, 'application/json', key);
        return;
      }
      const candidate = normalize(join(root, key));
      const file = candidate.startsWith(root + sep) ? await fileOrNull(candidate) : null;
      if (!file) {
        // S3 with list access answers a missing key with a 404 (XML), never with index.html.
        response.writeHead(404, { ...headers, 'content-type': 'application/xml' });
        response.end(
          '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
        );
        return;
      }
      sendObject(
        request,
        response,
        await readFile(file),
        contentTypes[extname(file)] ?? 'application/octet-stream',
        key,
      );
    })().catch((error: unknown) => {
      console.error('static:', error);
      if (!response.headersSent) response.writeHead(500, headers);
      response.end();
    });
  }),
);

server.listen(port, () =>
  console.log(`static: serving ${root} at http://localhost:${port}/ with the CloudFront headers`),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => server.close(() => process.exit(0)));
