/**
 * The embedded local cloud: `npm run cloud` (cloud only) and `npm start` (cloud + `ng serve`).
 * Starts DynamoDB (dynalite), the Cognito user pool and the API gateway on the ports of the
 * contract in docs/architecture.md, all persisted under one data folder, and prints what a person needs.
 *
 * Flags: --fresh (or LOCAL_CLOUD_FRESH=1) starts from an empty data folder; --with-app also runs
 * `ng serve`. Environment: COGNITO_PORT, API_PORT, DYNAMODB_PORT, APP_PORT, LOCAL_CLOUD_DATA,
 * LOCAL_CLOUD_ORIGINS (extra comma-separated web origins the user pool and the API accept),
 * ALLOWED_EMAIL_DOMAINS (the only email domains that may sign up, comma-separated; default: every
 * domain, as `allowedEmailDomains` in api/pool.ts declares).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { localCloud } from '../amplify-config.ts';
import { emailDomainsSetting } from '../api/pool.ts';
import { localRuntimeConfig, startDevConfigServer } from './dev-config.ts';
import { localClientIds } from './cognito/pool-config.ts';
import { startUserPool } from './cognito/server.ts';
import { startDynamoDb } from './dynamodb.ts';
import { startGateway } from './gateway/server.ts';
import { preparePrivateDataFolder } from './data-folder.ts';
import { localHandlerEnv, localTriggerEnv } from './handler-env.ts';
import { appOrigins, extraOriginsFromEnv } from './local-only.ts';

const { values: flags } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    'with-app': { type: 'boolean', default: false },
  },
});
const env = process.env;
const port = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const ports = {
  cognito: port('COGNITO_PORT', 9229),
  api: port('API_PORT', 3000),
  dynamodb: port('DYNAMODB_PORT', 8000),
  app: port('APP_PORT', 4200),
};
const dataDir = resolve(env['LOCAL_CLOUD_DATA'] ?? '.local-cloud');
const fresh = flags.fresh || env['LOCAL_CLOUD_FRESH'] === '1';
// The pre sign-up trigger's allow-list; a malformed value stops here, before anything starts.
let allowedEmailDomains: string[];
try {
  allowedEmailDomains = emailDomainsSetting(env['ALLOWED_EMAIL_DOMAINS'], 'ALLOWED_EMAIL_DOMAINS');
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
// The web origins the user pool and the API answer (CORS); every other page is refused.
const allowedOrigins = appOrigins(ports.app, extraOriginsFromEnv(env['LOCAL_CLOUD_ORIGINS']));

/**
 * Cursors are HMAC-signed; keeping the key in the data folder lets them survive a restart. The
 * handlers read the file themselves (the path, not the key, is in their environment).
 */
async function cursorSecretFile(): Promise<string> {
  const file = join(dataDir, 'gateway', 'cursor-secret');
  await mkdir(join(dataDir, 'gateway'), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return file;
}

if (fresh) await rm(dataDir, { recursive: true, force: true });
// Private before any server opens a file: umask 077, existing tree 0700/0600, crash leftovers gone.
for (const leftover of await preparePrivateDataFolder(dataDir))
  console.log(`removed ${leftover} (a temporary copy left by an interrupted write)`);

const log = (line: string) => console.log(line);
const dynamodb = await startDynamoDb({ dataDir, port: ports.dynamodb });
const pool = await startUserPool({
  dataDir,
  port: ports.cognito,
  triggers: {
    env: localTriggerEnv({ dynamodbEndpoint: dynamodb.endpoint, allowedEmailDomains }),
  },
  log,
  allowedOrigins,
});
const gateway = await startGateway({
  port: ports.api,
  issuer: pool.issuer,
  jwksUri: pool.jwksUri,
  clientIds: localClientIds,
  allowedOrigins,
  handlerEnv: localHandlerEnv({
    dynamodbEndpoint: dynamodb.endpoint,
    issuer: pool.issuer,
    jwksUri: pool.jwksUri,
    cognitoEndpoint: pool.url,
    cursorSecretFile: await cursorSecretFile(),
  }),
  log,
});

let stopping = false;
let app: ChildProcess | undefined;
// ng serve gets this cloud's URLs as its `config.json` (through a proxy rule written into the data
// folder), so a cloud on other ports is the one the app talks to, and nothing is committed by it.
const devConfig = flags['with-app']
  ? await startDevConfigServer({
      dataDir,
      config: localRuntimeConfig({ cognitoUrl: pool.url, apiUrl: gateway.url }),
    })
  : undefined;
if (devConfig) {
  app = spawn('ng', ['serve', '--port', String(ports.app), '--proxy-config', devConfig.proxyFile], {
    stdio: 'inherit',
    env,
  });
  app.on('exit', (code) => {
    if (!stopping) {
      console.error(`ng serve exited (${code}); stopping the local cloud`);
      void stop(code ?? 1);
    }
  });
}

console.log(`
Local cloud is up (data: ${dataDir}${fresh ? ', started fresh' : ''})
  Cognito user pool  ${pool.url}    pool ${pool.poolId}, region ${localCloud.region}
    SPA client       ${localCloud.userPoolClientId} (no secret)
    machine client   ${localCloud.machineClientId} (secret: DescribeUserPoolClient)
    issuer           ${pool.issuer}
    codes            printed here and listed at ${pool.url}/_mailbox
    sign-up          ${allowedEmailDomains.length > 0 ? `only ${allowedEmailDomains.map((domain) => `@${domain}`).join(', ')} (ALLOWED_EMAIL_DOMAINS)` : 'every email domain (ALLOWED_EMAIL_DOMAINS limits it)'}
  API gateway        ${gateway.url}
  DynamoDB           ${dynamodb.endpoint}   table Notes
${app ? `  App                http://localhost:${ports.app}  (ng serve is starting…)\n` : ''}Ctrl-C stops everything.`);

async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  app?.kill('SIGTERM');
  await Promise.allSettled([gateway.close(), pool.close(), dynamodb.close(), devConfig?.close()]);
  process.exit(exitCode);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));
