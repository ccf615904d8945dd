/**
 * Lambda proxy events as API Gateway builds them: payload 1.0 for REST APIs
 * ("set-up-lambda-proxy-integrations.md") and 2.0 for HTTP APIs ("http-api-develop-integrations-lambda.md").
 * The claim formatting follows what AWS really sends, not the token's JSON: REST Cognito claims
 * are all strings with `exp`/`iat` as Java dates (awsdocs/amazon-api-gateway-developer-guide#158,
 * amazon-cognito-identity-js#92); HTTP API JWT claims are strings with arrays as `[a b]`.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Route } from '../../api/routes.ts';
import type { AuthorizerResult } from './authorizers/result.ts';

export interface RequestInfo {
  readonly method: string;
  /** As received: percent-encoded, without the query string. */
  readonly rawPath: string;
  /** Without the leading `?`. */
  readonly rawQuery: string;
  /** Node's `rawHeaders`: names in the case the client sent them, alternating with values. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly protocol: string;
  readonly requestId: string;
  readonly extendedRequestId: string;
  readonly timeEpoch: number;
}

export interface ApiIdentity {
  readonly apiId: string;
  readonly accountId: string;
  readonly region: string;
  /** REST stage name (the local gateway serves it at `/`, without a stage prefix). */
  readonly stage: string;
  readonly domainName: string;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

let clfSecond = Number.NaN;
let clfText = '';

/** `requestTime` / `time`: `09/Apr/2015:12:34:56 +0000` (formatted once per second, not per request). */
export function clfTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== clfSecond) {
    const d = new Date(epochMs);
    clfText = `${pad(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
    clfSecond = second;
  }
  return clfText;
}

/** Java's `Date.toString()` in UTC, which is how REST Cognito claims show `exp` and `iat`. */
export function javaDate(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function scalarString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * The stringified claims per verified payload: the token verifier hands out the same payload
 * object for a token as long as it caches its signature check, so this work is once per token.
 * Callers get a copy, since a handler may change its event.
 */
const restClaimsOf = new WeakMap<object, Readonly<Record<string, string>>>();
const httpClaimsOf = new WeakMap<object, Readonly<Record<string, string>>>();

function memoized(
  cache: WeakMap<object, Readonly<Record<string, string>>>,
  claims: Readonly<Record<string, unknown>>,
  stringify: (claims: Readonly<Record<string, unknown>>) => Record<string, string>,
): Record<string, string> {
  let strings = cache.get(claims);
  if (strings === undefined) {
    strings = stringify(claims);
    cache.set(claims, strings);
  }
  return { ...strings };
}

/** REST Cognito authorizer claims: every value a string. */
export function restClaims(claims: Readonly<Record<string, unknown>>): Record<string, string> {
  return memoized(restClaimsOf, claims, stringifyRestClaims);
}

/** HTTP API JWT authorizer claims: every value a string, arrays as `[a b]`. */
export function httpClaims(claims: Readonly<Record<string, unknown>>): Record<string, string> {
  return memoized(httpClaimsOf, claims, stringifyHttpClaims);
}

function stringifyRestClaims(claims: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => {
      if ((name === 'exp' || name === 'iat') && typeof value === 'number')
        return [name, javaDate(value)];
      if (Array.isArray(value)) return [name, value.map(scalarString).join(',')];
      return [name, scalarString(value)];
    }),
  );
}

function stringifyHttpClaims(claims: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.map(scalarString).join(' ')}]` : scalarString(value),
    ]),
  );
}

function headerPairs(rawHeaders: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    pairs.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return pairs;
}

function queryPairs(rawQuery: string): [string, string][] {
  return rawQuery === '' ? [] : [...new URLSearchParams(rawQuery)];
}

const textTypes =
  /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;

function restAuthorizer(
  authorizer: AuthorizerResult | undefined,
): APIGatewayProxyEvent['requestContext']['authorizer'] {
  if (!authorizer) return { claims: null, scopes: null };
  switch (authorizer.kind) {
    case 'cognito-user-pool':
      return { claims: restClaims(authorizer.claims) };
    case 'lambda':
      return {
        principalId: authorizer.principalId,
        integrationLatency: authorizer.integrationLatency,
        // REST proxy events carry the context's numbers and booleans as strings
        ...Object.fromEntries(Object.entries(authorizer.context).map(([k, v]) => [k, String(v)])),
      };
    case 'jwt':
      return { claims: httpClaims(authorizer.claims), scopes: authorizer.scopes };
  }
}

const resourceIds = new Map<string, string>();

/** A stable 6-character id per resource path, as `requestContext.resourceId` is on AWS. */
function resourceId(path: string): string {
  let id = resourceIds.get(path);
  if (id === undefined) {
    let hash = 0;
    for (const ch of path) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    id = hash.toString(36).padStart(6, '0').slice(-6);
    resourceIds.set(path, id);
  }
  return id;
}

const domainPrefix = (api: ApiIdentity): string => {
  const dot = api.domainName.indexOf('.');
  return dot === -1 ? api.domainName : api.domainName.slice(0, dot);
};

export function buildRestEvent(
  request: RequestInfo,
  route: Route,
  pathParameters: Record<string, string> | null,
  authorizer: AuthorizerResult | undefined,
  api: ApiIdentity,
): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  // the first spelling of User-Agent the client sent, with its last value (as `headers` keeps it)
  let userAgentName: string | undefined;
  for (const [name, value] of headerPairs(request.rawHeaders)) {
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
    if (userAgentName === undefined && name.length === 10 && name.toLowerCase() === 'user-agent')
      userAgentName = name;
  }
  const userAgent = userAgentName === undefined ? null : headers[userAgentName]!;
  const query = queryPairs(request.rawQuery);
  const queryStringParameters: Record<string, string> = {};
  const multiValueQueryStringParameters: Record<string, string[]> = {};
  for (const [name, value] of query) {
    queryStringParameters[name] = value;
    (multiValueQueryStringParameters[name] ??= []).push(value);
  }
  const hasHeaders = request.rawHeaders.length > 0;
  return {
    resource: route.path,
    path: request.rawPath,
    httpMethod: request.method,
    headers: hasHeaders ? headers : {},
    multiValueHeaders: hasHeaders ? multiValueHeaders : {},
    queryStringParameters: query.length > 0 ? queryStringParameters : null,
    multiValueQueryStringParameters: query.length > 0 ? multiValueQueryStringParameters : null,
    pathParameters,
    stageVariables: null,
    requestContext: {
      resourceId: resourceId(route.path),
      resourcePath: route.path,
      httpMethod: request.method,
      extendedRequestId: request.extendedRequestId,
      requestTime: clfTime(request.timeEpoch),
      path: `/${api.stage}${request.rawPath}`,
      accountId: api.accountId,
      protocol: request.protocol,
      stage: api.stage,
      domainPrefix: domainPrefix(api),
      requestTimeEpoch: request.timeEpoch,
      requestId: request.requestId,
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp: request.sourceIp,
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent,
        user: null,
        apiKey: null,
        apiKeyId: null,
        clientCert: null,
      },
      domainName: api.domainName,
      apiId: api.apiId,
      authorizer: restAuthorizer(authorizer),
    },
    // REST APIs without binary media types pass the body as text
    body: request.body.length > 0 ? request.body.toString('utf8') : null,
    isBase64Encoded: false,
  };
}

export function buildHttpEvent(
  request: RequestInfo,
  route: Route,
  pathParameters: Record<string, string> | null,
  authorizer: AuthorizerResult | undefined,
  api: ApiIdentity,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [rawName, value] of headerPairs(request.rawHeaders)) {
    const name = rawName.toLowerCase();
    if (name === 'cookie')
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter((c) => c !== ''),
      );
    else headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of queryPairs(request.rawQuery)) {
    queryStringParameters[name] =
      queryStringParameters[name] === undefined ? value : `${queryStringParameters[name]},${value}`;
  }
  const routeKey = `${route.method} ${route.path}`;
  const contentType = headers['content-type'] ?? '';
  const isText = contentType === '' || textTypes.test(contentType);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQuery,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(queryStringParameters).length > 0 ? { queryStringParameters } : {}),
    requestContext: {
      accountId: api.accountId,
      apiId: api.apiId,
      domainName: api.domainName,
      domainPrefix: domainPrefix(api),
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: request.extendedRequestId,
      routeKey,
      stage: '$default',
      time: clfTime(request.timeEpoch),
      timeEpoch: request.timeEpoch,
    },
    ...(pathParameters ? { pathParameters } : {}),
    isBase64Encoded: request.body.length > 0 && !isText,
  };
  if (request.body.length > 0)
    event.body = isText ? request.body.toString('utf8') : request.body.toString('base64');
  if (authorizer?.kind === 'jwt') {
    (event.requestContext as unknown as Record<string, unknown>)['authorizer'] = {
      jwt: { claims: httpClaims(authorizer.claims), scopes: authorizer.scopes },
    };
  } else if (authorizer?.kind === 'lambda') {
    (event.requestContext as unknown as Record<string, unknown>)['authorizer'] = {
      lambda: { ...authorizer.context },
    };
  }
  return event;
}
