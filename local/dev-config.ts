/**
 * `config.json` for `ng serve`, from the cloud `npm start` actually started. The dev server has no
 * `config.json` of its own (a deployed site gets one from the stack), so without this an app on
 * other ports would talk to the default pool on :9229. A tiny loopback server answers the file and
 * a proxy rule for Angular's dev server (written into the git-ignored data folder, passed with
 * `--proxy-config`) forwards `/config.json` to it: nothing is written into the source tree.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultRuntimeConfig, type RuntimeConfig } from '../amplify-config.ts';
import { offeredMfaFactors, userPool } from '../api/pool.ts';
import { listen } from './listen.ts';
import { localOnly } from './local-only.ts';

/** Keys only a local cloud's `config.json` has (on AWS Amplify derives Cognito from the region). */
export const localOnlyConfigKeys: readonly (keyof RuntimeConfig)[] = ['userPoolEndpoint'];

/**
 * The runtime config of a local cloud at these URLs, with every key a deployed `config.json`
 * has (infra/site.test.ts compares the two), so the app reads the same shape on both clouds.
 * One gateway serves the REST routes and the HTTP API's back office routes here; a server that
 * proxies the back office the way CloudFront does (e2e/static-server.ts) names its own URL.
 */
export function localRuntimeConfig(urls: {
  readonly cognitoUrl: string;
  readonly apiUrl: string;
  readonly adminApiUrl?: string;
}): RuntimeConfig {
  return {
    ...defaultRuntimeConfig,
    userPoolEndpoint: urls.cognitoUrl,
    apiBaseUrl: urls.apiUrl,
    adminApiBaseUrl: urls.adminApiUrl ?? urls.apiUrl,
    mfaFactors: offeredMfaFactors(userPool.mfa),
  };
}

export interface DevConfigServer {
  /** The proxy configuration file to hand to `ng serve --proxy-config`. */
  readonly proxyFile: string;
  readonly url: string;
  close(): Promise<void>;
}

export async function startDevConfigServer(options: {
  readonly dataDir: string;
  readonly config: RuntimeConfig;
}): Promise<DevConfigServer> {
  const body = JSON.stringify(options.config);
  const listening = await listen(
    // The dev server's proxy rewrites Host to this server's (changeOrigin), which localOnly admits.
    localOnly((req, res) => {
      if (req.method === 'GET' && req.url?.split('?')[0] === '/config.json') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(body);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      }
    }),
    0,
    '127.0.0.1',
  );
  const url = `http://127.0.0.1:${listening.port}`;
  const proxyFile = join(options.dataDir, 'dev-server-proxy.json');
  await writeFile(
    proxyFile,
    JSON.stringify({ '/config.json': { target: url, changeOrigin: true } }, null, 2),
    { mode: 0o600 },
  );
  return { proxyFile, url, close: () => listening.close() };
}
