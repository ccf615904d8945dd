/**
 * The Lambda proxy integration: builds the route's event (payload 1.0 or 2.0), invokes its
 * handler within Lambda's payload quota and API Gateway's timeout, and turns the result into
 * an HTTP answer. What a function throws goes to the log (as to CloudWatch), never the caller.
 */
import type { Route } from '../../api/routes.ts';
import type { AuthorizerResult } from './authorizers/result.ts';
import { integrationFailure, integrationTimeout, requestTooLong } from './errors.ts';
import { buildHttpEvent, buildRestEvent, type ApiIdentity, type RequestInfo } from './events.ts';
import { HandlerTimeout, type LambdaRuntime } from './lambda.ts';
import { describeError } from './outcome.ts';
import { toHttpAnswer, type HttpAnswer } from './proxy-result.ts';

export interface IntegrationSettings {
  readonly api: ApiIdentity;
  readonly timeoutMs: number;
  readonly maxLambdaPayloadBytes: number;
}

export async function invokeIntegration(
  runtime: LambdaRuntime,
  settings: IntegrationSettings,
  route: Route,
  request: RequestInfo,
  pathParameters: Record<string, string> | null,
  authorizer: AuthorizerResult | undefined,
): Promise<HttpAnswer> {
  const { api, timeoutMs, maxLambdaPayloadBytes } = settings;
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
      region: api.region,
      accountId: api.accountId,
    });
  } catch (error) {
    if (error instanceof HandlerTimeout) throw integrationTimeout(error.message);
    throw integrationFailure(route.api, `${route.name} failed: ${describeError(error)}`);
  }
  const answer = toHttpAnswer(route, result);
  // Lambda refuses to return a result over its payload quota; API Gateway then sees a failure.
  if (answer.bytes > maxLambdaPayloadBytes)
    throw integrationFailure(
      route.api,
      `${route.name} answered over ${maxLambdaPayloadBytes} bytes`,
    );
  return answer;
}
