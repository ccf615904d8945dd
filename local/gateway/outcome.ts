/** What the gateway answers and logs for one request, and its own answer for a refusal. */
import type { Route } from '../../api/routes.ts';
import { GatewayError, integrationFailure } from './errors.ts';
import { httpAnswer, type HttpAnswer } from './proxy-result.ts';

export interface Outcome {
  readonly answer: HttpAnswer;
  readonly api: 'rest' | 'http';
  readonly route?: Route;
  readonly principal?: string;
  /** Why the request was refused or failed, for the access log only. */
  readonly reason?: string;
}

export const describeError = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

/** The gateway's own answer for a refusal or failure, shaped as the API (REST or HTTP) answers. */
export function failed(error: unknown, api: 'rest' | 'http', route?: Route): Outcome {
  const failure =
    error instanceof GatewayError
      ? error
      : integrationFailure(api, `gateway error: ${describeError(error)}`);
  const headers: [string, string][] = [
    ['content-type', 'application/json'],
    ...Object.entries(failure.headers),
  ];
  if (api === 'rest' && failure.errorType) headers.push(['x-amzn-ErrorType', failure.errorType]);
  return {
    answer: httpAnswer(failure.status, headers, JSON.stringify(failure.body)),
    api,
    ...(route ? { route } : {}),
    reason: failure.reason,
  };
}
