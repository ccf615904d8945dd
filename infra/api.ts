/**
 * Both API Gateway APIs, generated from `api/routes.ts`: the REST API (payload 1.0; Cognito
 * user-pool and Lambda TOKEN authorizers) the SPA calls, and the HTTP API (payload 2.0; JWT
 * authorizer with per-route scopes) machine clients call. No route is described here.
 */
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  ResponseType,
  RestApi,
  TokenAuthorizer,
  type IAuthorizer,
  type MethodOptions,
} from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination as HttpLogGroupLogDestination,
  PayloadFormatVersion,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { type IUserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { apiCors } from '../api/cors.ts';
import type { Authorizer, HandlerRef, Route } from '../api/routes.ts';
import { type HandlerFunctions } from './functions.ts';

/** The REST API's stage: part of every URL the SPA calls. */
export const restStageName = 'prod';

export interface Throttle {
  /** Steady-state requests per second, per stage. */
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** Low enough that a runaway client cannot run up a large bill; raise for real traffic. */
export const defaultThrottle: Throttle = { rateLimit: 50, burstLimit: 100 };

export interface ApisProps {
  readonly routes: readonly Route[];
  readonly functions: HandlerFunctions;
  readonly userPool: IUserPool;
  /** App clients by their key in `api/pool.ts` (`spa`, `machine`): JWT audiences name them. */
  readonly clients: Readonly<Record<string, UserPoolClient>>;
  /** `iss` of the pool's tokens, for the JWT authorizer. */
  readonly issuer: string;
  /** The site's origin (`https://…`), the only one CORS allows. */
  readonly allowedOrigin: string;
  readonly throttle?: Throttle;
}

const key = (ref: HandlerRef) => `${ref.module}#${ref.export}`;

/** Construct id of a Lambda authorizer function: `token-authorizer-handler` style. */
function authorizerId(ref: HandlerRef): string {
  const file = ref.module
    .split('/')
    .pop()!
    .replace(/\.[cm]?[jt]s$/, '');
  return `Authorizer-${file}-${ref.export}`;
}

export class Apis extends Construct {
  readonly restApi: RestApi;
  readonly httpApi: HttpApi;
  readonly httpStage: HttpStage;

  private readonly props: ApisProps;
  private cognitoAuthorizer: CognitoUserPoolsAuthorizer | undefined;
  private readonly tokenAuthorizers = new Map<string, TokenAuthorizer>();
  private readonly jwtAuthorizers = new Map<string, HttpJwtAuthorizer>();

  constructor(scope: Construct, id: string, props: ApisProps) {
    super(scope, id);
    this.props = props;
    const throttle = props.throttle ?? defaultThrottle;

    const restLogs = new LogGroup(this, 'RestAccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.restApi = new RestApi(this, 'RestApi', {
      restApiName: 'notes-api',
      description: 'Notes REST API (routes from api/routes.ts)',
      endpointTypes: [EndpointType.REGIONAL],
      // Access logging needs API Gateway's account-level CloudWatch role.
      cloudWatchRole: true,
      deployOptions: {
        stageName: restStageName,
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
        accessLogDestination: new LogGroupLogDestination(restLogs),
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: AccessLogField.contextRequestId(),
            ip: AccessLogField.contextIdentitySourceIp(),
            requestTime: AccessLogField.contextRequestTime(),
            method: AccessLogField.contextHttpMethod(),
            resourcePath: AccessLogField.contextResourcePath(),
            status: AccessLogField.contextStatus(),
            responseLength: AccessLogField.contextResponseLength(),
            latencyMs: AccessLogField.contextResponseLatency(),
            integrationLatencyMs: AccessLogField.contextIntegrationLatency(),
            sub: AccessLogField.contextAuthorizerClaims('sub'),
            principalId: AccessLogField.contextAuthorizerPrincipalId(),
            error: AccessLogField.contextErrorMessage(),
          }),
        ),
      },
      defaultCorsPreflightOptions: {
        allowOrigins: [props.allowedOrigin],
        allowMethods: [
          ...new Set(
            props.routes.filter((route) => route.api === 'rest').map((route) => route.method),
          ),
        ],
        allowHeaders: [...apiCors.allowHeaders],
        maxAge: Duration.seconds(apiCors.maxAgeSeconds),
      },
    });
    // API Gateway's own answers (401 from an authorizer, 403, 429, 5xx) carry no CORS headers
    // unless configured, and then the browser hides even the status from the SPA.
    for (const type of [ResponseType.DEFAULT_4XX, ResponseType.DEFAULT_5XX]) {
      this.restApi.addGatewayResponse(`Cors${type.responseType}`, {
        type,
        responseHeaders: {
          'Access-Control-Allow-Origin': `'${props.allowedOrigin}'`,
          Vary: "'Origin'",
        },
      });
    }

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: 'notes-integrations',
      description: 'Notes integrations HTTP API for machine clients (routes from api/routes.ts)',
      // Server-to-server only: no CORS, the browser never calls it.
      createDefaultStage: false,
    });
    const httpLogs = new LogGroup(this, 'HttpAccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.httpStage = new HttpStage(this, 'HttpStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: throttle.rateLimit, burstLimit: throttle.burstLimit },
      accessLogSettings: {
        destination: new HttpLogGroupLogDestination(httpLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            integrationLatencyMs: '$context.integrationLatency',
            clientId: '$context.authorizer.claims.client_id',
            authorizerError: '$context.authorizer.error',
            error: '$context.error.message',
          }),
        ),
      },
    });

    for (const route of props.routes) {
      if (route.api === 'rest') this.addRestRoute(route);
      else this.addHttpRoute(route);
    }
  }

  /** `https://<id>.execute-api.<region>.amazonaws.com`: what the site's CSP lets the SPA connect to. */
  get restApiOrigin(): string {
    return `https://${this.restApi.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
  }

  /** Base URL of the REST API without a trailing slash (the SPA's `apiBaseUrl`). */
  get restApiBaseUrl(): string {
    return `${this.restApiOrigin}/${restStageName}`;
  }

  /** Base URL of the HTTP API (its `$default` stage has no path segment). */
  get httpApiBaseUrl(): string {
    return this.httpApi.apiEndpoint;
  }

  private addRestRoute(route: Route): void {
    // A REST API Lambda proxy integration only speaks payload 1.0.
    if (route.payloadVersion !== '1.0')
      throw new Error(`route ${route.name}: a REST API route must use payload 1.0`);
    const fn = this.props.functions.create({
      id: route.name,
      handler: route.handler,
      method: route.method,
    });
    const integration = new LambdaIntegration(fn, { proxy: true, allowTestInvoke: false });
    this.restApi.root
      .resourceForPath(route.path)
      .addMethod(route.method, integration, this.restMethodOptions(route));
  }

  private restMethodOptions(route: Route): MethodOptions {
    const authorizer: Authorizer = route.authorizer;
    switch (authorizer.type) {
      case 'none':
        return { authorizationType: AuthorizationType.NONE };
      case 'cognito-user-pool':
        // Without scopes API Gateway expects an ID token; with scopes, an access token.
        return {
          authorizationType: AuthorizationType.COGNITO,
          authorizer: this.userPoolAuthorizer(),
          ...(authorizer.scopes.length > 0 ? { authorizationScopes: [...authorizer.scopes] } : {}),
        };
      case 'lambda-token':
        return {
          authorizationType: AuthorizationType.CUSTOM,
          authorizer: this.tokenAuthorizer(authorizer.function, authorizer.resultTtlSeconds),
        };
      case 'jwt':
        throw new Error(`route ${route.name}: JWT authorizers exist only on the HTTP API`);
    }
  }

  private userPoolAuthorizer(): IAuthorizer {
    this.cognitoAuthorizer ??= new CognitoUserPoolsAuthorizer(this, 'CognitoAuthorizer', {
      authorizerName: 'cognito-user-pool',
      cognitoUserPools: [this.props.userPool],
      identitySource: 'method.request.header.Authorization',
    });
    return this.cognitoAuthorizer;
  }

  private tokenAuthorizer(ref: HandlerRef, resultTtlSeconds: number): IAuthorizer {
    const cacheKey = `${key(ref)}@${resultTtlSeconds}`;
    let authorizer = this.tokenAuthorizers.get(cacheKey);
    if (!authorizer) {
      const handler = this.props.functions.create({
        id: authorizerId(ref),
        handler: ref,
        timeout: Duration.seconds(5),
      });
      authorizer = new TokenAuthorizer(this, `${authorizerId(ref)}-${resultTtlSeconds}s`, {
        handler,
        identitySource: 'method.request.header.Authorization',
        resultsCacheTtl: Duration.seconds(resultTtlSeconds),
      });
      this.tokenAuthorizers.set(cacheKey, authorizer);
    }
    return authorizer;
  }

  private addHttpRoute(route: Route): void {
    const fn = this.props.functions.create({
      id: route.name,
      handler: route.handler,
      method: route.method,
    });
    const integration = new HttpLambdaIntegration(`${route.name}Integration`, fn, {
      payloadFormatVersion: PayloadFormatVersion.custom(route.payloadVersion),
    });
    const authorizer = route.authorizer;
    let routeAuthorizer: IHttpRouteAuthorizer;
    let authorizationScopes: string[] | undefined;
    switch (authorizer.type) {
      case 'none':
        routeAuthorizer = new HttpNoneAuthorizer();
        break;
      case 'jwt':
        routeAuthorizer = this.jwtAuthorizer(route, authorizer.audience);
        authorizationScopes = authorizer.scopes.length > 0 ? [...authorizer.scopes] : undefined;
        break;
      default:
        throw new Error(
          `route ${route.name}: the HTTP API supports only 'jwt' and 'none' authorizers here, not '${authorizer.type}'`,
        );
    }
    this.httpApi.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration,
      authorizer: routeAuthorizer,
      ...(authorizationScopes ? { authorizationScopes } : {}),
    });
  }

  /** One JWT authorizer per audience set; audiences name clients as keyed in `api/pool.ts`. */
  private jwtAuthorizer(route: Route, audience: readonly string[]): HttpJwtAuthorizer {
    const cacheKey = [...audience].sort().join(',');
    let authorizer = this.jwtAuthorizers.get(cacheKey);
    if (!authorizer) {
      const clientIds = audience.map((name) => {
        const client = this.props.clients[name];
        if (!client)
          throw new Error(
            `route ${route.name}: audience '${name}' is no app client key of api/pool.ts`,
          );
        return client.userPoolClientId;
      });
      // Access tokens carry `client_id` instead of `aud`; API Gateway matches either.
      authorizer = new HttpJwtAuthorizer(
        `Jwt-${cacheKey.replace(/[^A-Za-z0-9]/g, '-')}`,
        this.props.issuer,
        {
          jwtAudience: clientIds,
          identitySource: ['$request.header.Authorization'],
        },
      );
      this.jwtAuthorizers.set(cacheKey, authorizer);
    }
    return authorizer;
  }
}
