/**
 * Runs a route's authorizer (`api/routes.ts`): none, the REST Cognito user-pool authorizer, the
 * HTTP API JWT authorizer or our Lambda TOKEN authorizer. Whatever is not a gateway refusal
 * becomes AUTHORIZER_CONFIGURATION_ERROR, as on AWS.
 */
import type { Route } from '../../api/routes.ts';
import { authorizeCognitoUserPool } from './authorizers/cognito-user-pool.ts';
import { authorizeJwt } from './authorizers/jwt.ts';
import type { LambdaTokenAuthorizer } from './authorizers/lambda-token.ts';
import type { AuthorizerResult } from './authorizers/result.ts';
import { authorizerConfigurationError, GatewayError } from './errors.ts';
import type { ApiIdentity, RequestInfo } from './events.ts';
import type { TokenVerifier } from './token-verifier.ts';

export type Authorize = (
  route: Route,
  request: RequestInfo,
  authorization: string | undefined,
) => Promise<AuthorizerResult | undefined>;

export interface AuthorizeServices {
  readonly verifier: TokenVerifier;
  readonly lambdaAuthorizer: LambdaTokenAuthorizer;
  readonly api: ApiIdentity;
  readonly routes: readonly Route[];
  /** App client name (keys of `userPool.clients` in api/pool.ts) → client id. */
  readonly clientIds: Readonly<Record<string, string>>;
}

/**
 * Each JWT route's audience as client ids, once; a route naming an app client we were given no
 * id for is a configuration error, so it fails at start.
 */
export function jwtAudiences(
  routes: readonly Route[],
  clientIds: Readonly<Record<string, string>>,
): Map<Route, string[]> {
  const audiences = new Map<Route, string[]>();
  for (const route of routes) {
    if (route.authorizer.type !== 'jwt') continue;
    audiences.set(
      route,
      route.authorizer.audience.map((name) => {
        const id = clientIds[name];
        if (id === undefined)
          throw new Error(
            `no client id for app client "${name}" (clientIds has ${Object.keys(clientIds).join(', ')})`,
          );
        return id;
      }),
    );
  }
  return audiences;
}

export function createAuthorize(services: AuthorizeServices): Authorize {
  const { verifier, lambdaAuthorizer, api } = services;
  const allClientIds = Object.values(services.clientIds);
  const audiences = jwtAudiences(services.routes, services.clientIds);

  async function run(
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

  return (route, request, authorization) =>
    run(route, request, authorization).catch((error: unknown) => {
      if (error instanceof GatewayError) throw error;
      throw authorizerConfigurationError(
        `authorizer failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
}
