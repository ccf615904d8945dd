/**
 * Realistic API Gateway events for tests, shaped like the ones API Gateway (and the local
 * gateway) deliver: payload 1.0 with Cognito claims as strings, payload 2.0 with JWT claims,
 * and the TOKEN authorizer's input. Test-only; no handler imports it.
 */
import { randomUUID } from 'node:crypto';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayTokenAuthorizerEvent,
} from 'aws-lambda';

export const testApi = {
  region: 'us-east-1',
  accountId: '123456789012',
  apiId: 'abcdef1234',
  stage: 'prod',
} as const;

export interface RestRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route's template, e.g. `/notes/{noteId}`. */
  readonly resource: string;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  /** An object is sent as JSON with `Content-Type: application/json`; a string is sent as is. */
  readonly body?: unknown;
  /** Cognito authorizer claims (strings, as API Gateway passes them); or a Lambda authorizer context. */
  readonly authorizer?: Record<string, string> | null;
  readonly authorizerKind?: 'cognito' | 'lambda';
}

function bodyAndHeaders(body: unknown, headers: Record<string, string> | undefined) {
  if (body === undefined) return { body: null, headers: { ...headers } };
  if (typeof body === 'string') return { body, headers: { ...headers } };
  return {
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...headers },
  };
}

/** Claims of a user-pool ID token as API Gateway hands them to a payload 1.0 handler. */
export function idTokenClaims(
  sub: string,
  email = `${sub.slice(0, 8)}@example.com`,
): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub,
    'cognito:username': sub,
    email,
    email_verified: 'true',
    aud: 'localnotesspaclient0000001',
    iss: 'http://localhost:9229/us-east-1_N0tesL0c4',
    token_use: 'id',
    auth_time: String(now),
    iat: String(now),
    exp: String(now + 3600),
  };
}

export function restEvent(request: RestRequest): APIGatewayProxyEvent {
  const { body, headers } = bodyAndHeaders(request.body, request.headers);
  let path = request.resource;
  for (const [name, value] of Object.entries(request.pathParameters ?? {}))
    path = path.replace(`{${name}}`, encodeURIComponent(value));
  const authorizer =
    request.authorizer === undefined || request.authorizer === null
      ? null
      : request.authorizerKind === 'lambda'
        ? { principalId: request.authorizer['sub'], integrationLatency: 12, ...request.authorizer }
        : { claims: request.authorizer };
  const multi = (record: Record<string, string> | undefined) =>
    record
      ? Object.fromEntries(Object.entries(record).map(([key, value]) => [key, [value]]))
      : null;
  return {
    resource: request.resource,
    path,
    httpMethod: request.method,
    headers,
    multiValueHeaders: multi(headers) ?? {},
    queryStringParameters: request.query ?? null,
    multiValueQueryStringParameters: multi(request.query),
    pathParameters: request.pathParameters ?? null,
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: testApi.accountId,
      apiId: testApi.apiId,
      authorizer,
      protocol: 'HTTP/1.1',
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '127.0.0.1',
        user: null,
        userAgent: 'node:test',
        userArn: null,
      },
      path: `/${testApi.stage}${path}`,
      stage: testApi.stage,
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: 'abc123',
      resourcePath: request.resource,
    },
  };
}

export interface HttpApiRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  readonly claims: Record<string, string>;
  readonly scopes: string[];
}

export function httpApiEvent(request: HttpApiRequest): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { body, headers } = bodyAndHeaders(request.body, request.headers);
  const lowerHeaders = Object.fromEntries(
    Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]),
  );
  const rawQueryString = new URLSearchParams(request.query ?? {}).toString();
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: `${request.method} ${request.path}`,
    rawPath: request.path,
    rawQueryString,
    headers: lowerHeaders,
    ...(request.query ? { queryStringParameters: request.query } : {}),
    ...(request.pathParameters ? { pathParameters: request.pathParameters } : {}),
    ...(body !== null ? { body } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: testApi.accountId,
      apiId: testApi.apiId,
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: request.claims, scopes: request.scopes },
      },
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'node:test',
      },
      requestId: randomUUID(),
      routeKey: `${request.method} ${request.path}`,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
  };
}

/** Claims of a client_credentials access token as the JWT authorizer passes them. */
export function machineClaims(scopes: string[]): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: 'localnotesmachineclient001',
    client_id: 'localnotesmachineclient001',
    token_use: 'access',
    scope: scopes.join(' '),
    iss: 'http://localhost:9229/us-east-1_N0tesL0c4',
    iat: String(now),
    exp: String(now + 3600),
  };
}

export function tokenAuthorizerEvent(
  authorizationToken: string,
  method = 'GET',
  resourcePath = 'custom/me',
): APIGatewayTokenAuthorizerEvent {
  return {
    type: 'TOKEN',
    authorizationToken,
    methodArn: `arn:aws:execute-api:${testApi.region}:${testApi.accountId}:${testApi.apiId}/${testApi.stage}/${method}/${resourcePath}`,
  };
}

/** Parses a handler's JSON answer, asserting it is one. */
export function bodyOf<T = Record<string, unknown>>(result: { body?: string }): T {
  return JSON.parse(result.body ?? '') as T;
}
