/**
 * Binds the gateway. Without an explicit host it listens on both loopback addresses on one port,
 * so `http://localhost:3000` works whether a client (Chromium, Node's fetch) resolves `localhost`
 * to 127.0.0.1 or ::1 — and nothing listens beyond this machine.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function listen(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  port: number,
  host: string | undefined,
): Promise<{ servers: Server[]; port: number }> {
  const open = (p: number, h: string): Promise<Server> => new Promise((resolve, reject) => {
    const server = createServer({ keepAliveTimeout: 65_000 }, listener);
    server.once('error', reject);
    server.listen({ port: p, host: h, ipv6Only: h === '::1' }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
  if (host) {
    const server = await open(port, host);
    return { servers: [server], port: (server.address() as AddressInfo).port };
  }
  for (let attempt = 0; ; attempt += 1) {
    const v4 = await open(port, '127.0.0.1');
    const bound = (v4.address() as AddressInfo).port;
    try {
      return { servers: [v4, await open(bound, '::1')], port: bound };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // No IPv6 here: localhost can only mean 127.0.0.1, which is served.
      if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') return { servers: [v4], port: bound };
      await new Promise<void>((resolve) => v4.close(() => resolve()));
      // A random port that happens to be taken on ::1 only: draw another.
      if (code === 'EADDRINUSE' && port === 0 && attempt < 10) continue;
      throw error;
    }
  }
}
