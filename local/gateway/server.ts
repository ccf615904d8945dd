/**
 * The local API Gateway: serves `api/routes.ts` on one port, with API Gateway's authorizers,
 * Lambda proxy events (payload 1.0 for REST routes, 2.0 for HTTP API routes), its own error
 * answers, CORS, request ids and an access log. Handlers run in this process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Socket } from 'node:net';
import { routes as defaultRoutes, type Route } from '../../api/routes.ts';
import { authorizeCognitoUserPool } from './authorizers/cognito-user-pool.ts';
import { authorizeJwt } from './authorizers/jwt.ts';
import { LambdaTokenAuthorizer } from './authorizers/lambda-token.ts';
import type { AuthorizerResult } from './authorizers/result.ts';
import { systemClock, type Clock } from '../clock.ts';
import { CorsPolicy } from './cors.ts';
import {
  authorizerConfigurationError,
  GatewayError,
  incompleteSignature,
  integrationFailure,
  integrationTimeout,
  requestTooLong,
} from './errors.ts';
import { buildHttpEvent, buildRestEvent, type ApiIdentity, type RequestInfo } from './events.ts';
import { HandlerTimeout, LambdaRuntime } from './lambda.ts';
import { listen } from '../listen.ts';
import { toHttpAnswer, type HttpAnswer } from './proxy-result.ts';
import { Router } from './router.ts';
import { TokenVerifier } from './token-verifier.ts';

export interface GatewayOptions {
  /** Default 3000; 0 picks a free port. */
  readonly port?: number;
  /** Default: both 127.0.0.1 and ::1 (so `localhost` works either way), nothing beyond loopback. */
  readonly host?: string;
  /** Default: `api/routes.ts`. */
  readonly routes?: readonly Route[];
  /** The user pool's issuer, e.g. `http://localhost:9229/us-east-1_N0tesL0c4`. */
  readonly issuer: string;
  readonly jwksUri: string;
  /** App client name (keys of `userPool.clients` in api/pool.ts) → client id. */
  readonly clientIds: Readonly<Record<string, string>>;
  /** Origins allowed by CORS, e.g. `['http://localhost:4200']`; `'*'` allows any. */
  readonly allowedOrigins: readonly string[];
  /** Set in `process.env` before any handler module loads (handlers run in this process). */
  readonly handlerEnv?: Readonly<Record<string, string>>;
  /** One line per request; default: none. */
  readonly log?: (line: string) => void;
  readonly clock?: Clock;
  /** Root that `HandlerRef.module` paths are relative to; default: the repository root. */
  readonly rootDir?: string;
  /** Min time between JWKS refetches on an unknown `kid` (default 10 s, as aws-jwt-verify). */
  readonly jwksCooldownMs?: number;
  /** API Gateway's integration timeout (default 29 s). */
  readonly integrationTimeoutMs?: number;
  /** Payload quota (default 10 MB, API Gateway's). */
  readonly maxBodyBytes?: number;
  /** Lambda's invocation payload quota for the event and for the result (default 6 MB). */
  readonly maxLambdaPayloadBytes?: number;
}

export interface Gateway {
  readonly url: string;
  close(): Promise<void>;
}

const tenMegabytes = 10 * 1024 * 1024;
const sixMegabytes = 6 * 1024 * 1024;
const repositoryRoot = resolve(import.meta.dirname, '../..');

/** What `handle` answers and logs for one request. */
interface Outcome {
  readonly answer: HttpAnswer;
  readonly api: 'rest' | 'http';
  readonly route?: Route;
  readonly principal?: string;
  readonly reason?: string;
}

/** The gateway's own answer for a refusal or failure, shaped as the API (REST or HTTP) answers. */
function failed(error: unknown, api: 'rest' | 'http', route?: Route): Outcome {
  const failure =
    error instanceof GatewayError
      ? error
      : integrationFailure(
          api,
          `gateway error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
  const headers: [string, string][] = [
    ['content-type', 'application/json'],
    ...Object.entries(failure.headers),
  ];
  if (api === 'rest' && failure.errorType) headers.push(['x-amzn-ErrorType', failure.errorType]);
  return {
    answer: { status: failure.status, headers, body: Buffer.from(JSON.stringify(failure.body)) },
    api,
    ...(route ? { route } : {}),
    reason: failure.reason,
  };
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  if (options.handlerEnv) Object.assign(process.env, options.handlerEnv);
  const clock = options.clock ?? systemClock;
  const routes = options.routes ?? defaultRoutes;
  const router = new Router(routes);
  const cors = new CorsPolicy(options.allowedOrigins);
  const runtime = new LambdaRuntime(options.rootDir ?? repositoryRoot);
  const verifier = new TokenVerifier({
    issuer: options.issuer,
    jwksUri: options.jwksUri,
    clock,
    ...(options.jwksCooldownMs !== undefined ? { jwksCooldownMs: options.jwksCooldownMs } : {}),
  });
  const allClientIds = Object.values(options.clientIds);
  const region = options.handlerEnv?.['AWS_REGION'] ?? process.env['AWS_REGION'] ?? 'us-east-1';
  const api: ApiIdentity = {
    apiId: 'l0ca1n0tes',
    accountId: '123456789012',
    region,
    stage: 'local',
    domainName: 'localhost',
  };
  const timeoutMs = options.integrationTimeoutMs ?? 29_000;
  const maxBodyBytes = options.maxBodyBytes ?? tenMegabytes;
  const maxLambdaPayloadBytes = options.maxLambdaPayloadBytes ?? sixMegabytes;
  const log = options.log;
  const lambdaAuthorizer = new LambdaTokenAuthorizer(
    (ref, event) =>
      runtime.invoke(ref, event, {
        functionName: `authorizer-${ref.export}`,
        timeoutMs,
        region,
        accountId: api.accountId,
      }),
    clock,
  );

  // Each JWT route's audience as client ids, once; a route naming an app client we were given no
  // id for is a configuration error, so it fails at start.
  const audiences = new Map<Route, string[]>();
  for (const route of routes) {
    if (route.authorizer.type !== 'jwt') continue;
    audiences.set(
      route,
      route.authorizer.audience.map((name) => {
        const id = options.clientIds[name];
        if (id === undefined)
          throw new Error(
            `no client id for app client "${name}" (clientIds has ${Object.keys(options.clientIds).join(', ')})`,
          );
        return id;
      }),
    );
  }

  async function authorize(
    route: Route,
    request: RequestInfo,
    authorization: string | undefined,
  ): Promise<AuthorizerResult | undefined> {
    const authorizer = route.authorizer;
    switch (authorizer.type) {
      case 'none':
        return undefined;
      case 'cognito-user-pool':
        return authorizeCognitoUserPool(
          { verifier, clientIds: allClientIds },
          authorizer.scopes,
          authorization,
        );
      case 'jwt':
        return authorizeJwt(verifier, audiences.get(route)!, authorizer.scopes, authorization);
      case 'lambda-token': {
        const resourcePath = request.rawPath.replace(/^\//, '');
        const methodArn = `arn:aws:execute-api:${api.region}:${api.accountId}:${api.apiId}/${api.stage}/${request.method}/${resourcePath}`;
        return lambdaAuthorizer.authorize(
          authorizer.function,
          authorizer.resultTtlSeconds,
          authorization,
          methodArn,
        );
      }
    }
  }

  async function answer(
    request: RequestInfo,
    req: IncomingMessage,
    bodyTooLarge: boolean,
  ): Promise<Outcome> {
    const origin = req.headers.origin;
    if (
      request.method === 'OPTIONS' &&
      req.headers['access-control-request-method'] !== undefined
    ) {
      const candidates = router.routesForPath(request.rawPath);
      if (candidates.length > 0) {
        const headers = Object.entries(
          cors.preflightHeaders(
            origin,
            candidates.map((r) => r.method),
          ),
        );
        return { answer: { status: 204, headers, body: Buffer.alloc(0) }, api: candidates[0]!.api };
      }
    }
    const lookup = router.lookup(request.method, request.rawPath);
    if (lookup.kind === 'none') {
      const authorization = req.headers.authorization;
      if (
        lookup.api === 'rest' &&
        authorization !== undefined &&
        /\S\s+\S/.test(authorization.trim())
      ) {
        const hashed = createHash('sha256').update(authorization).digest('base64');
        return failed(incompleteSignature(hashed, lookup.error.reason), lookup.api);
      }
      return failed(lookup.error, lookup.api);
    }
    const { route, pathParameters } = lookup.match;
    try {
      if (bodyTooLarge) throw requestTooLong(`body over ${maxBodyBytes} bytes`);
      const authorizer = await authorize(route, request, req.headers.authorization).catch(
        (error: unknown) => {
          if (error instanceof GatewayError) throw error;
          throw authorizerConfigurationError(
            `authorizer failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        },
      );
      const event =
        route.payloadVersion === '1.0'
          ? buildRestEvent(request, route, pathParameters, authorizer, api)
          : buildHttpEvent(request, route, pathParameters, authorizer, api);
      // A body under API Gateway's quota can still make an event over Lambda's; AWS answers 413 too.
      if (
        request.body.length > maxLambdaPayloadBytes / 2 &&
        Buffer.byteLength(JSON.stringify(event)) > maxLambdaPayloadBytes
      ) {
        throw requestTooLong(`event over Lambda's ${maxLambdaPayloadBytes} bytes`);
      }
      let result: unknown;
      try {
        result = await runtime.invoke(route.handler, event, {
          functionName: route.name,
          timeoutMs,
          region,
          accountId: api.accountId,
        });
      } catch (error) {
        if (error instanceof HandlerTimeout) throw integrationTimeout(error.message);
        // What the function threw goes to the log (as to CloudWatch), never to the caller.
        throw integrationFailure(
          route.api,
          `${route.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
      const httpAnswer = toHttpAnswer(route, result);
      // Lambda refuses to return a result over its payload quota; API Gateway then sees a failure.
      if (httpAnswer.body.length > maxLambdaPayloadBytes)
        throw integrationFailure(
          route.api,
          `${route.name} answered over ${maxLambdaPayloadBytes} bytes`,
        );
      return {
        answer: httpAnswer,
        api: route.api,
        route,
        ...(authorizer ? { principal: authorizer.principal } : {}),
      };
    } catch (error) {
      return failed(error, route.api, route);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const timeEpoch = clock.now();
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
    const rawQuery = queryAt === -1 ? '' : target.slice(queryAt + 1);
    // One draw of randomness per request (randomUUID is served from a pooled entropy cache).
    const requestId = randomUUID();
    const entropy = requestId.replaceAll('-', '');
    const extendedRequestId = Buffer.from(entropy.slice(0, 24), 'hex').toString('base64');

    // Refuse an announced oversized body before reading it; otherwise count while reading.
    const declared = Number(req.headers['content-length'] ?? 0);
    let tooLarge = declared > maxBodyBytes;
    const chunks: Buffer[] = [];
    let size = 0;
    if (!tooLarge) {
      // keep draining past the limit (breaking out would destroy the socket before the 413)
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBodyBytes) {
          tooLarge = true;
          chunks.length = 0;
        } else if (!tooLarge) {
          chunks.push(chunk);
        }
      }
    }
    const request: RequestInfo = {
      method: req.method ?? 'GET',
      rawPath,
      rawQuery,
      rawHeaders: req.rawHeaders,
      body: Buffer.concat(chunks),
      sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      protocol: `HTTP/${req.httpVersion}`,
      requestId,
      extendedRequestId,
      timeEpoch,
    };

    const outcome = await answer(request, req, tooLarge).catch((error: unknown) =>
      failed(error, 'rest'),
    );

    const { status, body } = outcome.answer;
    const headers: (readonly [string, string])[] = [...outcome.answer.headers];
    const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
    if (!has('access-control-allow-origin'))
      headers.push(...Object.entries(cors.answerHeaders(req.headers.origin)));
    if (outcome.api === 'rest') {
      headers.push(
        ['x-amzn-RequestId', requestId],
        ['x-amz-apigw-id', extendedRequestId],
        [
          'X-Amzn-Trace-Id',
          `Root=1-${Math.floor(timeEpoch / 1000).toString(16)}-${entropy.slice(8, 32)}`,
        ],
      );
    } else {
      headers.push(['apigw-requestid', extendedRequestId]);
    }
    headers.push(['content-length', String(body.length)]);
    if (tooLarge) headers.push(['connection', 'close']);
    res.writeHead(status, headers.flat());
    res.end(body);
    if (tooLarge) req.resume(); // let the client finish sending so it can read the 413

    if (log) {
      const ms = (performance.now() - started).toFixed(1);
      const id = outcome.api === 'rest' ? requestId : extendedRequestId;
      // No header or token ever goes into the log; the reason says why a request was refused.
      log(
        `${new Date(timeEpoch).toISOString()} ${request.sourceIp} "${request.method} ${target} ${request.protocol}" ${status} ${body.length}B ${ms}ms ` +
          `id=${id} route=${outcome.route?.name ?? '-'} principal=${outcome.principal || '-'}${outcome.reason ? ` reason="${outcome.reason.split('\n')[0]}"` : ''}`,
      );
    }
  }

  // Header block over Node's limit (16 KB): answer 431 as JSON instead of a bare status line.
  const onClientError = (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return;
    const [status, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large']
        : [400, 'Bad Request'];
    const body = JSON.stringify({ message });
    socket.end(
      `HTTP/1.1 ${status} ${message}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
    log?.(
      `${new Date(clock.now()).toISOString()} - "- - -" ${status} ${body.length}B - reason="${error.code ?? error.message}"`,
    );
  };

  // Last line of defence: whatever escapes `handle` becomes a 500, never a crashed process.
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      log?.(
        `${new Date(clock.now()).toISOString()} gateway error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (!res.headersSent)
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"message":"Internal server error"}');
      else res.destroy();
    });
  };
  const host = options.host;
  const { servers, port, close } = await listen(serve, options.port ?? 3000, host, {
    keepAliveTimeout: 65_000,
  });
  for (const server of servers) server.on('clientError', onClientError);
  const urlHost =
    host === undefined || host === '0.0.0.0' || host === '::'
      ? 'localhost'
      : host.includes(':')
        ? `[${host}]`
        : host;
  return { url: `http://${urlHost}:${port}`, close };
}
