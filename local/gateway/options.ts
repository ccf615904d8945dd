/**
 * What `startGateway` accepts, and the defaults that make it API Gateway: its quotas, its timeout,
 * the identity the proxy events carry.
 */
import { resolve } from 'node:path';
import { routes as defaultRoutes, type Route } from '../../api/routes.ts';
import { systemClock, type Clock } from '../clock.ts';
import type { ApiIdentity } from './events.ts';

export interface GatewayOptions {
  /** Default 3000; 0 picks a free port. */
  readonly port?: number;
  /** Default: both 127.0.0.1 and ::1 (so `localhost` works either way), nothing beyond loopback. */
  readonly host?: string;
  /** Default: `api/routes.ts`. */
  readonly routes?: readonly Route[];
  /** The user pool's issuer, e.g. `http://localhost:9229/us-east-1_N0tesL0c4`. */
  readonly issuer: string;
  readonly jwksUri: string;
  /** App client name (keys of `userPool.clients` in api/pool.ts) → client id. */
  readonly clientIds: Readonly<Record<string, string>>;
  /** Origins allowed by CORS, e.g. `['http://localhost:4200']`; `'*'` allows any. */
  readonly allowedOrigins: readonly string[];
  /** Set in `process.env` before any handler module loads (handlers run in this process). */
  readonly handlerEnv?: Readonly<Record<string, string>>;
  /** One line per request; default: none. */
  readonly log?: (line: string) => void;
  readonly clock?: Clock;
  /** Root that `HandlerRef.module` paths are relative to; default: the repository root. */
  readonly rootDir?: string;
  /** Min time between JWKS refetches on an unknown `kid` (default 10 s, as aws-jwt-verify). */
  readonly jwksCooldownMs?: number;
  /** API Gateway's integration timeout (default 29 s). */
  readonly integrationTimeoutMs?: number;
  /** Payload quota (default 10 MB, API Gateway's). */
  readonly maxBodyBytes?: number;
  /** Lambda's invocation payload quota for the event and for the result (default 6 MB). */
  readonly maxLambdaPayloadBytes?: number;
}

/** The options with every default filled in. */
export interface GatewaySettings {
  readonly routes: readonly Route[];
  readonly clock: Clock;
  readonly rootDir: string;
  readonly api: ApiIdentity;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxLambdaPayloadBytes: number;
}

const tenMegabytes = 10 * 1024 * 1024;
const sixMegabytes = 6 * 1024 * 1024;
const repositoryRoot = resolve(import.meta.dirname, '../..');

export function gatewaySettings(options: GatewayOptions): GatewaySettings {
  return {
    routes: options.routes ?? defaultRoutes,
    clock: options.clock ?? systemClock,
    rootDir: options.rootDir ?? repositoryRoot,
    api: {
      apiId: 'l0ca1n0tes',
      accountId: '123456789012',
      region: options.handlerEnv?.['AWS_REGION'] ?? process.env['AWS_REGION'] ?? 'us-east-1',
      stage: 'local',
      domainName: 'localhost',
    },
    timeoutMs: options.integrationTimeoutMs ?? 29_000,
    maxBodyBytes: options.maxBodyBytes ?? tenMegabytes,
    maxLambdaPayloadBytes: options.maxLambdaPayloadBytes ?? sixMegabytes,
  };
}
