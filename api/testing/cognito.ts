/**
 * A stand-in Cognito endpoint for handler unit tests in `api/` (which may not import the local
 * pool from `local/`): answers each `X-Amz-Target` with a minimal valid body and records the
 * operations called. The real pool is exercised by the gateway tests in `local/gateway/`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCognito {
  readonly endpoint: string;
  readonly calls: { operation: string; input: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startFakeCognito(
  users: readonly { Username: string; sub: string }[] = [],
): Promise<FakeCognito> {
  const calls: FakeCognito['calls'] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const operation =
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      calls.push({ operation, input: JSON.parse(text || '{}') as Record<string, unknown> });
      const body =
        operation === 'ListUsers'
          ? {
              Users: users.map((user) => ({
                Username: user.Username,
                Attributes: [{ Name: 'sub', Value: user.sub }],
                Enabled: true,
                UserStatus: 'CONFIRMED',
                UserCreateDate: 1_700_000_000,
              })),
            }
          : operation === 'AdminListGroupsForUser'
            ? { Groups: [] }
            : {};
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
