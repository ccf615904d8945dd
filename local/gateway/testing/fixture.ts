/** Starts a test issuer and a gateway on port 0 serving the test routes. */
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

export async function startTestGateway(options: { clock?: Clock } & Partial<GatewayOptions> = {}): Promise<TestGateway> {
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
