/**
 * What keeps the local cloud to this machine and its own app, shared by every local server
 * (Cognito, the gateway, DynamoDB, the e2e static server):
 *
 * - **Host.** Each server listens on loopback only, but a web page can still reach it through DNS
 *   rebinding (a name the attacker controls, re-pointed to 127.0.0.1): the browser then sends
 *   that name as `Host`. So a request is answered only when `Host` is `localhost`, `127.0.0.1` or
 *   `[::1]` with the port the request arrived on; anything else gets a 403 with one line saying
 *   why.
 * - **Origin.** CORS is answered only for the app's origins (the list the gateway uses plus
 *   `LOCAL_CLOUD_ORIGINS`, see `appOrigins` below), never `*`; servers that no page needs (DynamoDB,
 *   the mailbox) refuse a request that carries a foreign `Origin` outright, since a "simple"
 *   cross-origin request is sent, and acted on, even when its answer is hidden from the page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const loopbackNames = ['localhost', '127.0.0.1', '[::1]'];

/** The app's origins for a dev server on `appPort` (the SPA's port), plus extra ones. */
export function appOrigins(appPort: number, extra: readonly string[] = []): string[] {
  return [`http://localhost:${appPort}`, `http://127.0.0.1:${appPort}`, ...extra];
}

/** `LOCAL_CLOUD_ORIGINS`: extra comma-separated origins the local cloud accepts. */
export function extraOriginsFromEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

/** Why this request's `Host` is not this server on loopback, or undefined when it is. */
export function foreignHostReason(req: IncomingMessage): string | undefined {
  const port = req.socket.localPort;
  const host = req.headers.host;
  const allowed = loopbackNames.map((name) => `${name}:${port}`);
  if (host !== undefined && allowed.includes(host.toLowerCase())) return undefined;
  return `Host ${host === undefined ? '(none)' : JSON.stringify(host)} refused: this local server answers only ${allowed.join(', ')} (DNS-rebinding defence)`;
}

/** The origins a server accepts: exact `scheme://host:port` strings. */
export class OriginList {
  readonly #origins: ReadonlySet<string>;
  constructor(origins: readonly string[]) {
    this.#origins = new Set(origins.map((origin) => origin.replace(/\/+$/, '')));
  }
  /** True for an origin on the list (`*` on the list allows any, for tests only). */
  allows(origin: string | undefined): origin is string {
    return origin !== undefined && (this.#origins.has('*') || this.#origins.has(origin));
  }
  /** True when the request comes from no web page (no `Origin`) or from an allowed one. */
  admits(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || this.allows(origin);
  }
}

/** A 403 with a one-line JSON reason; the connection is closed after it. */
export function refuse(res: ServerResponse, reason: string): void {
  const body = JSON.stringify({ message: reason });
  res.writeHead(403, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body);
}

/**
 * Wraps a request listener so it sees only requests for a loopback `Host`. With `noBrowsers`,
 * also refuses every request that carries an `Origin` header (a preflight included): for servers
 * no web page should ever drive, such as DynamoDB.
 */
export function localOnly(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  options: { noBrowsers?: boolean } = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const hostReason = foreignHostReason(req);
    if (hostReason) return refuse(res, hostReason);
    if (options.noBrowsers && req.headers.origin !== undefined)
      return refuse(
        res,
        `Origin ${JSON.stringify(req.headers.origin)} refused: this local server is not for web pages`,
      );
    listener(req, res);
  };
}
