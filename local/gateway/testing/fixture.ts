/** Starts a test issuer and a gateway on port 0 serving the test routes; calls it as the SPA does. */
import type { Clock } from '../../clock.ts';
import { startGateway, type Gateway, type GatewayOptions } from '../server.ts';
import { startTestIssuer, type TestIssuer } from '../../../api/testing/issuer.ts';
import { testRoutes } from './routes.ts';

export const spaOrigin = 'http://localhost:4200';

export interface TestGateway {
  readonly url: string;
  readonly issuer: TestIssuer;
  readonly gateway: Gateway;
  readonly logLines: string[];
  close(): Promise<void>;
}

export async function startTestGateway(
  options: { clock?: Clock } & Partial<GatewayOptions> = {},
): Promise<TestGateway> {
  const issuer = await startTestIssuer();
  const logLines: string[] = [];
  const gateway = await startGateway({
    port: 0,
    routes: testRoutes,
    issuer: issuer.issuer,
    jwksUri: issuer.jwksUri,
    clientIds: issuer.clientIds,
    allowedOrigins: [spaOrigin],
    log: (line) => logLines.push(line),
    ...options,
  }).catch(async (error: unknown) => {
    await issuer.close();
    throw error;
  });
  return {
    url: gateway.url,
    issuer,
    gateway,
    logLines,
    close: async () => {
      await gateway.close();
      await issuer.close();
    },
  };
}

/** A call as the SPA makes it: from `spaOrigin`, the token raw in Authorization, JSON both ways. */
export async function callAsSpa(
  baseUrl: string,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      origin: spaOrigin,
      ...(token ? { authorization: token } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: (text === '' ? undefined : JSON.parse(text)) as Record<string, unknown> | undefined,
  };
}
