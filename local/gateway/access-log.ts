/**
 * The access log, one line per request. No header or token ever goes into it; the reason says
 * why a request was refused (what AWS writes to CloudWatch, never to the caller).
 */
import type { RequestInfo } from './events.ts';
import type { Outcome } from './outcome.ts';

export function accessLogLine(
  request: RequestInfo,
  target: string,
  outcome: Outcome,
  elapsedMs: number,
): string {
  const { status, bytes } = outcome.answer;
  const id = outcome.api === 'rest' ? request.requestId : request.extendedRequestId;
  const reason = outcome.reason ? ` reason="${outcome.reason.split('\n')[0]}"` : '';
  return (
    `${new Date(request.timeEpoch).toISOString()} ${request.sourceIp} "${request.method} ${target} ${request.protocol}" ${status} ${bytes}B ${elapsedMs.toFixed(1)}ms ` +
    `id=${id} route=${outcome.route?.name ?? '-'} principal=${outcome.principal || '-'}${reason}`
  );
}

/** A request Node's parser refused before it reached the gateway. */
export const clientErrorLogLine = (
  timeEpoch: number,
  status: number,
  bodyLength: number,
  reason: string,
): string =>
  `${new Date(timeEpoch).toISOString()} - "- - -" ${status} ${bodyLength}B - reason="${reason}"`;

export const gatewayErrorLogLine = (timeEpoch: number, description: string): string =>
  `${new Date(timeEpoch).toISOString()} gateway error: ${description}`;
