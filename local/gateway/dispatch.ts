/**
 * From a read request to an outcome: CORS preflight, route lookup (with REST's answers for a
 * route it does not have), the payload quota, the route's authorizer, then its integration.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { createHash } from 'node:crypto';
import type { Authorize } from './authorize.ts';
import type { CorsPolicy } from './cors.ts';
import { incompleteSignature, requestTooLong } from './errors.ts';
import type { RequestInfo } from './events.ts';
import { invokeIntegration, type IntegrationSettings } from './integration.ts';
import type { LambdaRuntime } from './lambda.ts';
import { failed, type Outcome } from './outcome.ts';
import { httpAnswer } from './proxy-result.ts';
import type { Router } from './router.ts';

export interface DispatchServices {
  readonly router: Router;
  readonly cors: CorsPolicy;
  readonly authorize: Authorize;
  readonly runtime: LambdaRuntime;
  readonly settings: IntegrationSettings & { readonly maxBodyBytes: number };
}

export type Dispatch = (
  request: RequestInfo,
  headers: IncomingHttpHeaders,
  bodyTooLarge: boolean,
) => Promise<Outcome>;

export function createDispatch(services: DispatchServices): Dispatch {
  const { router, cors, authorize, runtime, settings } = services;

  return async (request, headers, bodyTooLarge) => {
    if (request.method === 'OPTIONS' && headers['access-control-request-method'] !== undefined) {
      const candidates = router.routesForPath(request.rawPath);
      if (candidates.length > 0) {
        const preflight = Object.entries(
          cors.preflightHeaders(
            headers.origin,
            candidates.map((r) => r.method),
          ),
        );
        return {
          answer: httpAnswer(204, preflight, ''),
          api: candidates[0]!.api,
        };
      }
    }
    const lookup = router.lookup(request.method, request.rawPath);
    if (lookup.kind === 'none') {
      const authorization = headers.authorization;
      // A REST API reads `Authorization: <scheme> <value>` as a SigV4 attempt (docs/api-gateway-behaviours.md).
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
      if (bodyTooLarge) throw requestTooLong(`body over ${settings.maxBodyBytes} bytes`);
      const authorizer = await authorize(route, request, headers.authorization);
      const answer = await invokeIntegration(
        runtime,
        settings,
        route,
        request,
        pathParameters,
        authorizer,
      );
      return {
        answer,
        api: route.api,
        route,
        ...(authorizer ? { principal: authorizer.principal } : {}),
      };
    } catch (error) {
      return failed(error, route.api, route);
    }
  };
}
