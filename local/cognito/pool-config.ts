/**
 * The local pool as the operations see it: the fixed ids from `amplify-config.ts` joined with
 * the declaration in `api/pool.ts`. Nothing here restates policy; it only indexes it by client id.
 */
import { localCloud } from '../../amplify-config.ts';
import {
  userPool,
  type AppClient,
  type PasswordPolicy,
  type ResourceServer,
} from '../../api/pool.ts';

export interface LocalClient {
  readonly id: string;
  readonly declaration: AppClient;
  /** Present only for clients declared with `generateSecret`; generated once per data folder. */
  readonly secret: string | undefined;
}

export interface PoolConfig {
  readonly id: string;
  readonly region: string;
  /** The part after `_`; it enters the SRP verifier and signature. */
  readonly srpName: string;
  readonly passwordPolicy: PasswordPolicy;
  readonly codeLifetime: { readonly signUp: number; readonly forgotPassword: number };
  readonly resourceServers: readonly ResourceServer[];
  readonly clients: ReadonlyMap<string, LocalClient>;
  /** When the pool was first created in this data folder (ms). */
  readonly createdAt: number;
}

/** Fixed client id for each declared client name in `api/pool.ts`. */
export const localClientIds: Readonly<Record<keyof typeof userPool.clients, string>> = {
  spa: localCloud.userPoolClientId,
  machine: localCloud.machineClientId,
};

/**
 * App clients besides the declared ones, by client id: what CreateUserPoolClient would add to a
 * pool (not emulated), for tests of client settings no declared client has.
 */
export type ExtraClients = Readonly<Record<string, AppClient>>;

export function buildPoolConfig(
  secrets: Readonly<Record<string, string>>,
  createdAt: number,
  extraClients: ExtraClients = {},
): PoolConfig {
  const clients = new Map<string, LocalClient>();
  for (const [key, declaration] of Object.entries(userPool.clients) as [
    keyof typeof userPool.clients,
    AppClient,
  ][]) {
    const id = localClientIds[key];
    clients.set(id, {
      id,
      declaration,
      secret: declaration.generateSecret ? secrets[id] : undefined,
    });
  }
  for (const [id, declaration] of Object.entries(extraClients)) {
    if (clients.has(id)) throw new Error(`Client id ${id} is already declared`);
    clients.set(id, {
      id,
      declaration,
      secret: declaration.generateSecret ? secrets[id] : undefined,
    });
  }
  return {
    id: localCloud.userPoolId,
    region: localCloud.region,
    srpName: localCloud.userPoolId.split('_')[1]!,
    passwordPolicy: userPool.passwordPolicy,
    codeLifetime: userPool.codeLifetime,
    resourceServers: userPool.resourceServers,
    clients,
    createdAt,
  };
}

/** Ids of clients declared with `generateSecret` (the ones that need a stored secret). */
export function clientIdsNeedingSecret(extraClients: ExtraClients = {}): string[] {
  return [
    ...(Object.entries(userPool.clients) as [keyof typeof userPool.clients, AppClient][])
      .filter(([, client]) => client.generateSecret)
      .map(([key]) => localClientIds[key]),
    ...Object.entries(extraClients)
      .filter(([, client]) => client.generateSecret)
      .map(([id]) => id),
  ];
}
