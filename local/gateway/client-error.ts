/**
 * Requests Node's HTTP parser refuses (a header block over its 16 KB limit, malformed framing)
 * never reach the gateway; answer them as JSON, as API Gateway does, instead of a bare status line.
 */
import type { Socket } from 'node:net';
import type { Clock } from '../clock.ts';
import { clientErrorLogLine } from './access-log.ts';

export function clientErrorHandler(
  clock: Clock,
  log: ((line: string) => void) | undefined,
): (error: NodeJS.ErrnoException, socket: Socket) => void {
  return (error, socket) => {
    if (!socket.writable) return;
    const [status, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large']
        : [400, 'Bad Request'];
    const body = JSON.stringify({ message });
    socket.end(
      `HTTP/1.1 ${status} ${message}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
    log?.(clientErrorLogLine(clock.now(), status, body.length, error.code ?? error.message));
  };
}
