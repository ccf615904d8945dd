/**
 * Binds a local service. Without an explicit host it listens on both loopback addresses on one
 * port, so `http://localhost:<port>` works whether a client (Chromium, Node's fetch) resolves
 * `localhost` to 127.0.0.1 or ::1 — and nothing listens beyond this machine.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  readonly servers: readonly Server[];
  readonly port: number;
  /** Stops listening and drops open (keep-alive) connections, so close never waits on a client. */
  close(): Promise<void>;
}

export async function listen(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  port: number,
  host: string | undefined,
  serverOptions: ServerOptions = {},
): Promise<Listening> {
  const open = (p: number, h: string): Promise<Server> =>
    new Promise((resolve, reject) => {
      const server = createServer(serverOptions, listener);
      server.once('error', reject);
      server.listen({ port: p, host: h, ipv6Only: h === '::1' }, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  const listening = (servers: Server[]): Listening => ({
    servers,
    port: (servers[0]!.address() as AddressInfo).port,
    close: () => Promise.all(servers.map(closeServer)).then(() => undefined),
  });
  if (host) return listening([await open(port, host)]);
  for (let attempt = 0; ; attempt += 1) {
    const v4 = await open(port, '127.0.0.1');
    const bound = (v4.address() as AddressInfo).port;
    try {
      return listening([v4, await open(bound, '::1')]);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // No IPv6 here: localhost can only mean 127.0.0.1, which is served.
      if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') return listening([v4]);
      await closeServer(v4);
      // A random port that happens to be taken on ::1 only: draw another.
      if (code === 'EADDRINUSE' && port === 0 && attempt < 10) continue;
      throw error;
    }
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
