/**
 * Both API Gateway APIs, generated from `api/routes.ts`: the REST API (payload 1.0; Cognito
 * user-pool and Lambda TOKEN authorizers) the SPA calls, and the HTTP API (payload 2.0; JWT
 * authorizer with per-route scopes) machine clients call. No route is described here.
 */
import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  JsonSchemaVersion,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  type Model,
  type RequestValidator,
  ResponseType,
  RestApi,
  TokenAuthorizer,
  type IAuthorizer,
  type JsonSchema,
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
import { CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { apiCors } from '../api/cors.ts';
import type { Authorizer, HandlerRef, Route } from '../api/routes.ts';
import { retentionDays, type HandlerFunctions } from './functions.ts';
import type { ExecutionLogLevel } from './options.ts';

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
  /** X-Ray tracing of the REST stage. Default true. */
  readonly tracing?: boolean;
  /** REST stage execution logging; request and response bodies are never logged. Default ERROR. */
  readonly executionLogLevel?: ExecutionLogLevel;
  /** Days every API log group keeps events. Default 30. */
  readonly logRetentionDays?: number;
  readonly logRemovalPolicy?: RemovalPolicy;
  /** A REGIONAL WAF web ACL for the REST stage (HTTP APIs cannot have one). */
  readonly webAclArn?: string;
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

    const logGroupProps = {
      retention: retentionDays(props.logRetentionDays ?? 30),
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    };
    const executionLogLevel = props.executionLogLevel ?? 'ERROR';
    const restLogs = new LogGroup(this, 'RestAccessLogs', logGroupProps);
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
        tracingEnabled: props.tracing ?? true,
        loggingLevel: MethodLoggingLevel[executionLogLevel],
        // Bodies hold notes and tokens: never in the logs.
        dataTraceEnabled: false,
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
    if (executionLogLevel !== 'OFF') {
      // API Gateway writes execution logs to this fixed name; created here first, it gets a
      // retention (API Gateway would create it keeping logs forever).
      const executionLogs = new LogGroup(this, 'RestExecutionLogs', {
        ...logGroupProps,
        logGroupName: `API-Gateway-Execution-Logs_${this.restApi.restApiId}/${restStageName}`,
      });
      this.restApi.deploymentStage.node.addDependency(executionLogs);
    }
    if (executionLogLevel === 'OFF')
      Validations.of(this.restApi.deploymentStage).acknowledge({
        id: 'AwsSolutions-APIG6',
        reason: 'Execution logging was switched off at deploy time with -c executionLogLevel=OFF',
      });
    if (!(props.tracing ?? true))
      Validations.of(this.restApi.deploymentStage).acknowledge({
        id: 'Serverless-APIGWXrayEnabled',
        reason: 'Tracing was switched off at deploy time with -c tracing=false',
      });
    // The account-level role API Gateway pushes logs with (one per account and region).
    Validations.of(this.restApi.node.findChild('CloudWatchRole')).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        "API Gateway's account-wide logging role: AWS's own policy for it, used by API Gateway only (CloudWatch log groups it names itself)",
    });
    if (props.webAclArn)
      new CfnWebACLAssociation(this, 'RestWaf', {
        resourceArn: this.restApi.deploymentStage.stageArn,
        webAclArn: props.webAclArn,
      });
    else
      Validations.of(this.restApi.deploymentStage).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason:
          'WAF is a deploy-time option (-c waf=true; about US$ 7 a month per web ACL, see infra/README.md); throttling limits every stage meanwhile',
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
      description:
        'Notes HTTP API: machine clients and the back office (routes from api/routes.ts)',
      // No CORS: browsers reach it only through the site's own origin (CloudFront serves the
      // back office routes under /admin-api/, see site.ts); machine clients send no Origin.
      createDefaultStage: false,
    });
    const httpLogs = new LogGroup(this, 'HttpAccessLogs', logGroupProps);
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

  /** `<id>.execute-api.<region>.amazonaws.com`: the site's CloudFront origin for the back office. */
  get httpApiDomainName(): string {
    return `${this.httpApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
  }

  private addRestRoute(route: Route): void {
    // A REST API Lambda proxy integration only speaks payload 1.0.
    if (route.payloadVersion !== '1.0')
      throw new Error(`route ${route.name}: a REST API route must use payload 1.0`);
    const fn = this.props.functions.create({ id: route.name, handler: route.handler });
    const integration = new LambdaIntegration(fn, { proxy: true, allowTestInvoke: false });
    const method = this.restApi.root
      .resourceForPath(route.path)
      .addMethod(route.method, integration, {
        ...this.restMethodOptions(route),
        ...(route.body
          ? {
              requestValidator: this.bodyValidator(),
              requestModels: { 'application/json': this.bodyModel(route, route.body) },
            }
          : {}),
      });
    // Why a route has no Cognito authorizer is declared with it (public, or our own authorizer).
    if (route.authorizer.type === 'none')
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${route.method} ${route.path} is public by design in api/routes.ts (no user data)`,
      });
    if (route.authorizer.type !== 'cognito-user-pool')
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-COG4',
        reason:
          route.authorizer.type === 'none'
            ? `${route.method} ${route.path} is public by design in api/routes.ts (no user data)`
            : `${route.method} ${route.path} is protected by our Lambda TOKEN authorizer, which verifies the same pool's ID tokens (aws-jwt-verify)`,
      });
  }

  private validator: RequestValidator | undefined;
  private readonly models = new Map<string, Model>();

  /**
   * Validates bodies against the route's model before a Lambda runs (and required parameters,
   * of which the routes declare none: the handlers check theirs).
   */
  private bodyValidator(): RequestValidator {
    this.validator ??= this.restApi.addRequestValidator('BodyValidator', {
      requestValidatorName: 'body-and-parameters',
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    return this.validator;
  }

  /** The route's body schema (the one its handler validates with) as an API Gateway model. */
  private bodyModel(route: Route, schema: object): Model {
    const id = JSON.stringify(schema);
    let model = this.models.get(id);
    if (!model) {
      model = this.restApi.addModel(`${route.name}Body`, {
        contentType: 'application/json',
        description: `Body of ${route.method} ${route.path} (api/routes.ts)`,
        schema: { schema: JsonSchemaVersion.DRAFT4, ...(schema as JsonSchema) },
      });
      this.models.set(id, model);
    }
    return model;
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
    const fn = this.props.functions.create({ id: route.name, handler: route.handler });
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
