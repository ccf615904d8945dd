/**
 * The local API Gateway: serves `api/routes.ts` on one port, with API Gateway's authorizers,
 * Lambda proxy events (payload 1.0 for REST routes, 2.0 for HTTP API routes), its own error
 * answers, CORS, request ids and an access log. Handlers run in this process.
 *
 * This file only wires the concerns together: `options.ts` (defaults), `read-request.ts`,
 * `dispatch.ts` (preflight, routing, quotas), `authorize.ts`, `integration.ts`,
 * `response-headers.ts`, `access-log.ts`, `client-error.ts`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LambdaTokenAuthorizer } from './authorizers/lambda-token.ts';
import { listen } from '../listen.ts';
import { localOnly } from '../local-only.ts';
import { endAfterRequest } from '../request-body.ts';
import { accessLogLine, gatewayErrorLogLine } from './access-log.ts';
import { createAuthorize } from './authorize.ts';
import { clientErrorHandler } from './client-error.ts';
import { CorsPolicy } from './cors.ts';
import { createDispatch } from './dispatch.ts';
import { LambdaRuntime } from './lambda.ts';
import { gatewaySettings, type GatewayOptions } from './options.ts';
import { describeError, failed } from './outcome.ts';
import { readRequest } from './read-request.ts';
import { responseHeaders } from './response-headers.ts';
import { Router } from './router.ts';
import { TokenVerifier } from './token-verifier.ts';

export type { GatewayOptions } from './options.ts';

export interface Gateway {
  readonly url: string;
  close(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  if (options.handlerEnv) Object.assign(process.env, options.handlerEnv);
  const settings = gatewaySettings(options);
  const { clock, api, timeoutMs } = settings;
  const log = options.log;
  const cors = new CorsPolicy(options.allowedOrigins);
  const runtime = new LambdaRuntime(settings.rootDir);
  const verifier = new TokenVerifier({
    issuer: options.issuer,
    jwksUri: options.jwksUri,
    clock,
    ...(options.jwksCooldownMs !== undefined ? { jwksCooldownMs: options.jwksCooldownMs } : {}),
  });
  const lambdaAuthorizer = new LambdaTokenAuthorizer(
    (ref, event) =>
      runtime.invoke(ref, event, {
        functionName: `authorizer-${ref.export}`,
        timeoutMs,
        region: api.region,
        accountId: api.accountId,
      }),
    clock,
  );
  const authorize = createAuthorize({
    verifier,
    lambdaAuthorizer,
    api,
    routes: settings.routes,
    clientIds: options.clientIds,
  });
  const dispatch = createDispatch({
    router: new Router(settings.routes),
    cors,
    authorize,
    runtime,
    settings,
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = log ? performance.now() : 0;
    const { request, target, tooLarge, entropy } = await readRequest(
      req,
      settings.maxBodyBytes,
      clock.now(),
    );
    const outcome = await dispatch(request, req.headers, tooLarge).catch((error: unknown) =>
      failed(error, 'rest'),
    );
    const headers = responseHeaders(outcome, request, entropy, req.headers, cors, tooLarge);
    res.writeHead(outcome.answer.status, headers);
    // Sent at once even while an oversized body is still arriving; closes once it is discarded.
    endAfterRequest(req, res, outcome.answer.body, settings.maxBodyBytes * 4);
    log?.(accessLogLine(request, target, outcome, performance.now() - started));
  }

  // Last line of defence: whatever escapes `handle` becomes a 500, never a crashed process.
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      log?.(gatewayErrorLogLine(clock.now(), describeError(error)));
      if (!res.headersSent)
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"message":"Internal server error"}');
      else res.destroy();
    });
  };
  const host = options.host;
  const { servers, port, close } = await listen(localOnly(serve), options.port ?? 3000, host, {
    keepAliveTimeout: 65_000,
  });
  const onClientError = clientErrorHandler(clock, log);
  for (const server of servers) server.on('clientError', onClientError);
  const urlHost =
    host === undefined || host === '0.0.0.0' || host === '::'
      ? 'localhost'
      : host.includes(':')
        ? `[${host}]`
        : host;
  return { url: `http://${urlHost}:${port}`, close };
}
