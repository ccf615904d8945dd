/**
 * The answers API Gateway itself gives (its "gateway responses"), each with the status, body and
 * `x-amzn-ErrorType` AWS sends, so clients and tests branch on the same shapes as on AWS.
 * Sources: docs/api-gateway-behaviours.md and the API Gateway developer guide ("Gateway response
 * types").
 */

export class GatewayError extends Error {
  readonly status: number;
  /** Serialized as the JSON body; AWS's default bodies are `{"message": ...}`. */
  readonly body: Record<string, unknown>;
  readonly errorType: string | undefined;
  readonly headers: Record<string, string>;
  /** Why, for the access log only (never sent: AWS does not tell the caller). */
  readonly reason: string;

  constructor(
    status: number,
    body: Record<string, unknown>,
    options: { errorType?: string; headers?: Record<string, string>; reason?: string } = {},
  ) {
    super(`${status} ${JSON.stringify(body)}`);
    this.name = 'GatewayError';
    this.status = status;
    this.body = body;
    this.errorType = options.errorType;
    this.headers = options.headers ?? {};
    this.reason = options.reason ?? '';
  }
}

/** UNAUTHORIZED: an authorizer could not authenticate the caller. */
export const unauthorized = (reason: string, headers?: Record<string, string>): GatewayError =>
  new GatewayError(
    401,
    { message: 'Unauthorized' },
    { errorType: 'UnauthorizedException', reason, ...(headers ? { headers } : {}) },
  );

/** EXPIRED_TOKEN as the REST Cognito authorizer sends it (seen in aws-amplify/amplify-js#6060). */
export const expiredToken = (reason: string): GatewayError =>
  new GatewayError(
    401,
    { message: 'The incoming token has expired' },
    { errorType: 'UnauthorizedException', reason },
  );

/** HTTP API JWT authorizer: token valid but none of the route's scopes granted. */
export const forbidden = (reason: string, headers?: Record<string, string>): GatewayError =>
  new GatewayError(
    403,
    { message: 'Forbidden' },
    { errorType: 'ForbiddenException', reason, ...(headers ? { headers } : {}) },
  );

/** ACCESS_DENIED from a Lambda authorizer's policy. AWS capitalizes `Message` here. */
export const explicitDeny = (reason: string): GatewayError =>
  new GatewayError(
    403,
    { Message: 'User is not authorized to access this resource with an explicit deny' },
    { errorType: 'AccessDeniedException', reason },
  );
export const notAllowed = (reason: string): GatewayError =>
  new GatewayError(
    403,
    { Message: 'User is not authorized to access this resource' },
    { errorType: 'AccessDeniedException', reason },
  );

/** AUTHORIZER_CONFIGURATION_ERROR: the authorizer function failed or returned a malformed result. */
export const authorizerConfigurationError = (reason: string): GatewayError =>
  new GatewayError(
    500,
    { message: null },
    { errorType: 'AuthorizerConfigurationException', reason },
  );

/** MISSING_AUTHENTICATION_TOKEN: what a REST API answers for a path or method it does not have. */
export const missingAuthenticationToken = (reason: string): GatewayError =>
  new GatewayError(
    403,
    { message: 'Missing Authentication Token' },
    { errorType: 'MissingAuthenticationTokenException', reason },
  );

/**
 * What a REST API answers for a path or method it does not have when the request carries an
 * `Authorization: Bearer …` header: it reads the header as a SigV4 signature (a well-known
 * source of confusion, e.g. serverless/serverless#3205, HumanCellAtlas/data-store#328). AWS
 * now shows a hash of the header instead of the token itself.
 */
export const incompleteSignature = (hashedHeader: string, reason: string): GatewayError =>
  new GatewayError(
    403,
    {
      message: `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${hashedHeader}'.`,
    },
    { errorType: 'IncompleteSignatureException', reason },
  );

/** An HTTP API's answer for a route it does not have. */
export const routeNotFound = (reason: string): GatewayError =>
  new GatewayError(404, { message: 'Not Found' }, { reason });

/** REQUEST_TOO_LARGE: API Gateway's 10 MB payload quota. */
export const requestTooLong = (reason: string): GatewayError =>
  new GatewayError(
    413,
    { message: 'Request Too Long' },
    { errorType: 'BadRequestException', reason },
  );

/** A Lambda proxy integration that threw or returned a malformed result (REST: 502, HTTP API: 500). */
export const integrationFailure = (api: 'rest' | 'http', reason: string): GatewayError =>
  api === 'rest'
    ? new GatewayError(502, { message: 'Internal server error' }, { reason })
    : new GatewayError(500, { message: 'Internal Server Error' }, { reason });

/** INTEGRATION_TIMEOUT: API Gateway stops waiting after 29 s. */
export const integrationTimeout = (reason: string): GatewayError =>
  new GatewayError(504, { message: 'Endpoint request timed out' }, { reason });
