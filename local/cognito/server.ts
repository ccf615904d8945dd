/**
 * The local Cognito user pool over HTTP: the JSON-RPC endpoint (`POST /` with X-Amz-Target),
 * the OAuth 2.0 endpoints, the discovery documents and the mailbox. Speaks exactly what the real
 * clients expect: x-amz-json-1.1 bodies, `{__type, message}` errors with `x-amzn-ErrorType`,
 * `x-amzn-RequestId` on every response, and CORS for the app's origins (preflight included).
 * Requests for a foreign `Host` or from a foreign `Origin` are refused (local/local-only.ts).
 */
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { AuthSessions, StoreAuthSessionTable } from './auth-sessions.ts';
import { UsedChallenges } from './challenges.ts';
import { loadClientSecrets } from './client-secrets.ts';
import { systemClock, type Clock } from '../clock.ts';
import { CodeService } from './codes.ts';
import {
  CognitoError,
  InternalErrorException,
  OAuthError,
  RequestEntityTooLargeException,
  SerializationException,
  UnknownOperationException,
} from './errors.ts';
import { GroupDirectory } from './groups.ts';
import { assertSigned, iamAuthorizedOperations } from './iam-auth.ts';
import { KeyRing } from './keys.ts';
import { notEmulatedOperations, UnsupportedOperationException } from './not-emulated.ts';
import { Mailbox } from './mailbox.ts';
import { revokeEndpoint, tokenEndpoint, userInfoEndpoint, type OAuthResponse } from './oauth2.ts';
import { operations } from './operations/index.ts';
import { buildPoolConfig, clientIdsNeedingSecret, type ExtraClients } from './pool-config.ts';
import { type Operation, type Services } from './services.ts';
import { PasskeyRepository, PendingRegistrations } from './passkeys.ts';
import { PoolStore } from './store.ts';
import { TokenService } from './tokens.ts';
import { totpCodeAt, unsealTotpSecret } from './totp.ts';
import { Triggers, type TriggerOptions } from './triggers.ts';
import { openIdConfiguration } from './well-known.ts';
import { userPool } from '../../api/pool.ts';
import { listen } from '../listen.ts';
import { appOrigins, localOnly, OriginList, refuse } from '../local-only.ts';
import { closeIfUnread, endAfterRequest, readBody as readRequestBody } from '../request-body.ts';

export interface UserPoolServer {
  /** `http://localhost:<port>`: the endpoint for Amplify `userPoolEndpoint`, the SDK and CIJ. */
  url: string;
  /** `http://localhost:<port>/<poolId>`, the `iss` of every token. */
  issuer: string;
  jwksUri: string;
  poolId: string;
  /** Makes new signing keys current; the old ones stay in the JWKS while their tokens live. */
  rotateKeys(): Promise<{ id: string; access: string }>;
  /**
   * The test clock's authenticator app: the TOTP code a user's registered (or pending) secret
   * gives at the pool's current time. In-process only, for test helpers; never served over HTTP.
   */
  totpCode(usernameOrEmail: string): string | undefined;
  close(): Promise<void>;
}

export interface UserPoolOptions {
  /** The local cloud's data folder; the pool keeps its state in `<dataDir>/cognito/`. */
  dataDir: string;
  /** Default 9229; 0 picks a free port. */
  port?: number;
  /**
   * Default: both loopback addresses (127.0.0.1 and ::1) on the same port, so `localhost` works
   * whichever address a client resolves it to, without listening beyond this machine.
   */
  host?: string;
  clock?: Clock;
  /**
   * Run the Lambda triggers of `api/pool.ts` (in process, with this environment). Default: none,
   * so a bare pool needs no DynamoDB; `npm start` turns them on.
   */
  triggers?: TriggerOptions;
  /** Receives one line per mail sent and per internal error. Default: console.log. */
  log?: (line: string) => void;
  /**
   * Web origins that may call the pool (CORS), the same list the gateway gets; requests from any
   * other `Origin` are refused. Default: the dev app's, `http://localhost:4200` and 127.0.0.1.
   */
  allowedOrigins?: readonly string[];
  /** App clients besides those of `api/pool.ts`, by id (tests: settings no declared client has). */
  clients?: ExtraClients;
}

/** Largest request body accepted; real Cognito requests are a few kB. */
export const maxBodyBytes = 128 * 1024;
/** After a 413, how much more of the body is read (and discarded) before the connection is cut. */
const drainLimitBytes = maxBodyBytes * 16;
const targetPrefix = 'AWSCognitoIdentityProviderService.';
const exposedHeaders = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';
const defaultAllowedHeaders =
  'content-type,x-amz-target,x-amz-user-agent,cache-control,amz-sdk-invocation-id,amz-sdk-request,authorization,x-amz-date,x-amz-security-token';

export async function startUserPool(options: UserPoolOptions): Promise<UserPoolServer> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = join(options.dataDir, 'cognito');
  const store = await PoolStore.open(dir, clock.now());
  const maxTokenLifetime = Math.max(
    ...Object.values(userPool.clients).flatMap((c) => [
      c.tokenValidity.idToken,
      c.tokenValidity.accessToken,
    ]),
  );
  const keys = await KeyRing.open(dir, clock, maxTokenLifetime);
  const secrets = await loadClientSecrets(dir, clientIdsNeedingSecret(options.clients));
  const pool = buildPoolConfig(secrets, store.createdAt, options.clients);
  const groups = new GroupDirectory(store);
  groups.ensureDeclared(userPool.groups, clock.now());
  const triggers = new Triggers(pool, options.triggers);

  // The issuer needs the bound port, so the routes are wired up only after listening.
  const ready: { handler?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (ready.handler) ready.handler(req, res);
    else send(res, 503, { __type: 'ServiceUnavailable', message: 'Starting' });
  };
  const listening = await listen(localOnly(listener), options.port ?? 9229, options.host);
  const url = `http://localhost:${listening.port}`;
  const issuer = `${url}/${pool.id}`;

  const services: Services = {
    pool,
    store,
    groups,
    clock,
    keys,
    tokens: new TokenService(keys, clock, issuer, {
      groupsOf: (username) => groups.namesForUser(username),
      preTokenGeneration: (source, user, client, memberOf, scopes) =>
        triggers.preTokenGeneration(source, user, client.id, memberOf, scopes),
    }),
    triggers,
    mailbox: new Mailbox(clock, log),
    codes: new CodeService(keys.hashKey, pool.codeLifetime),
    challenges: new UsedChallenges(store),
    authSessions: new AuthSessions(new StoreAuthSessionTable(store), keys.hashKey),
    passkeys: new PasskeyRepository(store),
    registrations: new PendingRegistrations(store),
    log,
  };
  const handlers = new Map<string, Operation>(
    Object.entries(operations).map(([name, factory]) => [name, factory(services)]),
  );
  const origins = new OriginList(options.allowedOrigins ?? appOrigins(4200));
  ready.handler = (req, res) => {
    void route(services, handlers, origins, url, req, res);
  };
  // Expired sessions, codes, counters and challenge claims are dropped once a minute.
  const pruning = setInterval(() => store.prune(clock.now()), 60_000);
  pruning.unref();
  let closing: Promise<void> | undefined;

  return {
    url,
    issuer,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    poolId: pool.id,
    rotateKeys: () => keys.rotate(),
    totpCode(usernameOrEmail) {
      const user = store.findUser(usernameOrEmail);
      const sealed = user?.mfa?.totpSecret ?? user?.mfa?.pendingTotpSecret;
      const secret = sealed && unsealTotpSecret(keys.challengeKey, user!.username, sealed);
      return secret ? totpCodeAt(secret, clock.now()) : undefined;
    },
    async close() {
      if (closing) return closing; // a second close waits for the first
      clearInterval(pruning);
      closing = listening.close().then(() => {
        store.close();
      });
      return closing;
    },
  };
}

async function route(
  services: Services,
  handlers: Map<string, Operation>,
  origins: OriginList,
  baseUrl: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = randomUUID();
  res.setHeader('x-amzn-RequestId', requestId);
  // A page of another origin gets nothing: not the answer, and not the action either (a form
  // POST to /oauth2/token or a mailbox read is a "simple" request a browser sends unasked).
  const origin = req.headers.origin;
  if (!origins.admits(req))
    return refuse(
      res,
      `Origin ${JSON.stringify(origin)} refused: not one of the app's origins (LOCAL_CLOUD_ORIGINS adds more)`,
    );
  if (origin !== undefined) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', exposedHeaders);
    res.setHeader('Vary', 'Origin');
  }
  try {
    const requestUrl = new URL(req.url ?? '/', 'http://localhost');
    const path = requestUrl.pathname;
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return preflight(req, res);
    const wellKnown = `/${services.pool.id}/.well-known/`;
    if (method === 'POST' && path === '/')
      return await rpc(services, handlers, requestId, req, res);
    if (method === 'POST' && path === '/oauth2/token')
      return await oauth(res, requestId, () =>
        readForm(req).then((form) => tokenEndpoint(services, form, req.headers.authorization)),
      );
    if (method === 'POST' && path === '/oauth2/revoke')
      return await oauth(res, requestId, () =>
        readForm(req).then((form) => revokeEndpoint(services, form, req.headers.authorization)),
      );
    if ((method === 'GET' || method === 'POST') && path === '/oauth2/userInfo') {
      return await oauth(res, requestId, () =>
        userInfoEndpoint(services, req.headers.authorization),
      );
    }
    if (method === 'GET' && path === `${wellKnown}jwks.json`)
      return sendJson(res, 200, services.keys.jwks());
    if (method === 'GET' && path === `${wellKnown}openid-configuration`)
      return sendJson(res, 200, openIdConfiguration(services, baseUrl));
    if (method === 'GET' && path === '/_mailbox')
      return sendJson(
        res,
        200,
        services.mailbox.list(requestUrl.searchParams.get('to') ?? undefined),
      );
    return sendJson(res, 404, { message: `No route for ${method} ${path}` });
  } catch (error) {
    if (error instanceof CognitoError) return sendError(res, error);
    services.log(
      `[cognito] internal error (request ${requestId}): ${(error as Error).stack ?? String(error)}`,
    );
    return sendError(res, new InternalErrorException());
  }
}

async function rpc(
  services: Services,
  handlers: Map<string, Operation>,
  requestId: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readBody(req);
  const target = String(req.headers['x-amz-target'] ?? '');
  const handler = target.startsWith(targetPrefix)
    ? handlers.get(target.slice(targetPrefix.length))
    : undefined;
  if (!handler) {
    const operation = target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : '';
    if (notEmulatedOperations.has(operation)) throw new UnsupportedOperationException(operation);
    throw new UnknownOperationException(target);
  }
  if (iamAuthorizedOperations.has(target.slice(targetPrefix.length))) assertSigned(req.headers);
  let request: unknown;
  try {
    request = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    throw new SerializationException('Request body is not valid JSON');
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    throw new SerializationException();
  const response = await handler(request as Record<string, unknown>, {
    requestId,
    headers: req.headers,
  });
  send(res, 200, response);
}

async function oauth(
  res: ServerResponse,
  requestId: string,
  run: () => Promise<OAuthResponse>,
): Promise<void> {
  let answer: OAuthResponse;
  try {
    answer = await run();
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    answer = {
      status: error.status,
      body: { error: error.error, error_description: error.message },
    };
  }
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.setHeader('x-amz-cognito-request-id', requestId);
  if (answer.body === null) {
    res.writeHead(answer.status, { 'Content-Length': 0, ...closeIfUnread(res.req) });
    return endAfterRequest(res.req, res, '', drainLimitBytes);
  }
  sendJson(res, answer.status, answer.body, 'application/json;charset=UTF-8');
}

function preflight(req: IncomingMessage, res: ServerResponse): void {
  // Echo what the browser asks for: covers Amplify's custom `Auth.headers` too.
  const requested = req.headers['access-control-request-headers'];
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader(
    'Access-Control-Allow-Headers',
    typeof requested === 'string' && requested ? requested : defaultAllowedHeaders,
  );
  res.setHeader('Access-Control-Max-Age', '600');
  res.setHeader('Vary', 'Origin, Access-Control-Request-Headers');
  res.writeHead(204).end();
}

/** Reads the body up to `maxBodyBytes`; past it, 413 (sent while the client may still be sending). */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const { body, tooLarge } = await readRequestBody(req, maxBodyBytes);
  if (tooLarge) throw new RequestEntityTooLargeException(maxBodyBytes);
  return body;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = String(req.headers['content-type'] ?? '');
  const body = await readBody(req);
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new OAuthError(
      'invalid_request',
      'Content-Type must be application/x-www-form-urlencoded',
    );
  }
  return new URLSearchParams(body.toString('utf8'));
}

function send(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(text),
    ...closeIfUnread(res.req),
  });
  endAfterRequest(res.req, res, text, drainLimitBytes);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  type = 'application/json',
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(text),
    ...closeIfUnread(res.req),
  });
  endAfterRequest(res.req, res, text, drainLimitBytes);
}

function sendError(res: ServerResponse, error: CognitoError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // Header values must be Latin-1 without control characters; the body keeps the full message.
  res.setHeader('x-amzn-ErrorType', `${error.type}:`);
  res.setHeader('x-amzn-ErrorMessage', error.message.replace(/[^\x20-\x7e]/g, '?'));
  send(res, error.status, { __type: error.type, message: error.message });
}
