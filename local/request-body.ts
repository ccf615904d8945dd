/**
 * Reading a request body under a size limit, and refusing an oversized one so that the client
 * actually reads the refusal. If a server answers and closes while the client is still sending,
 * the unread bytes make the kernel reset the connection, and the client (Node's fetch among
 * them) reports the reset instead of the 413. So the refusal is sent at once, the rest of the
 * body is read and discarded up to a bound, and only then is the connection closed; a client
 * sending past the bound is cut off.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ReadBody {
  readonly body: Buffer;
  /** The body is over the limit; `body` is then empty and the rest of the request is unread. */
  readonly tooLarge: boolean;
}

/**
 * Reads the whole body, or stops as soon as it is known to exceed `limit` bytes (an announced
 * `Content-Length` over it is refused before reading anything).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit)
      return resolve({ body: Buffer.alloc(0), tooLarge: true });
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      req.pause();
      resolve({ body: Buffer.alloc(0), tooLarge: true });
    };
    const onEnd = () => {
      stop();
      resolve({ body: Buffer.concat(chunks), tooLarge: false });
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * Ends `res` with `body` (headers already given to `writeHead`). When the request is still
 * being sent, the answer goes out at once and the connection closes only after the rest of the
 * request has been discarded, or as soon as more than `drainLimit` further bytes arrive.
 */
export function endAfterRequest(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer | string,
  drainLimit: number,
): void {
  if (req.complete) return void res.end(body);
  res.write(body);
  let discarded = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > drainLimit) req.socket.destroy();
  });
  req.once('end', () => res.end());
  req.once('error', () => res.destroy());
  req.resume();
}

/** Adds `connection: close` to headers when the request is still being sent. */
export function closeIfUnread(req: IncomingMessage): Record<string, string> {
  return req.complete ? {} : { connection: 'close' };
}
