/**
 * Serves the production build the way CloudFront will: static files, `index.html` for
 * navigations (SPA fallback), and a `config.json` next to it. The config is written from the
 * environment so end-to-end tests can point the very same build at a local cloud on test ports.
 *
 * Usage: node e2e/static-server.ts <root> <port>
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { defaultRuntimeConfig, type RuntimeConfig } from '../amplify-config.ts';

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

const runtimeConfig: RuntimeConfig = {
  ...defaultRuntimeConfig,
  ...(process.env['COGNITO_PORT'] ? { userPoolEndpoint: `http://localhost:${process.env['COGNITO_PORT']}` } : {}),
  ...(process.env['API_PORT'] ? { apiBaseUrl: `http://localhost:${process.env['API_PORT']}` } : {}),
};

async function fileOrNull(path: string): Promise<string | null> {
  try {
    return (await stat(path)).isFile() ? path : null;
  } catch {
    return null;
  }
}

const server = createServer(async (request, response) => {
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
  if (pathname === '/config.json') {
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(runtimeConfig));
    return;
  }
  const candidate = normalize(join(root, pathname));
  const file = candidate.startsWith(root) ? await fileOrNull(candidate) : null;
  // Like the CloudFront error responses: unknown paths without an extension are app routes.
  const target = file ?? (extname(pathname) === '' ? join(root, 'index.html') : null);
  if (!target) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  const type = contentTypes[extname(target)] ?? 'application/octet-stream';
  response.writeHead(200, { 'content-type': type, 'cache-control': target.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable' });
  createReadStream(target).pipe(response);
});

server.listen(port, () => console.log(`static: serving ${root} at http://localhost:${port}/`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
