/** What every operation is built from: small injected services, so tests can swap the clock. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type IncomingHttpHeaders } from 'node:http';
import { type Clock } from '../clock.ts';
import { type CodeService } from './codes.ts';
import {
  CognitoError,
  InvalidParameterException,
  NotAuthorizedException,
  ResourceNotFoundException,
} from './errors.ts';
import { type GroupDirectory } from './groups.ts';
import { type KeyRing } from './keys.ts';
import { type Mailbox } from './mailbox.ts';
import { type LocalClient, type PoolConfig } from './pool-config.ts';
import { type JsonObject } from './request.ts';
import { type PoolStore } from './store.ts';
import { type TokenService } from './tokens.ts';
import { type Triggers } from './triggers.ts';
import { type UsedChallenges } from './challenges.ts';
import { type AuthSessions } from './auth-sessions.ts';

export interface Services {
  readonly pool: PoolConfig;
  readonly store: PoolStore;
  readonly groups: GroupDirectory;
  readonly clock: Clock;
  readonly keys: KeyRing;
  readonly tokens: TokenService;
  readonly triggers: Triggers;
  readonly mailbox: Mailbox;
  readonly codes: CodeService;
  readonly challenges: UsedChallenges;
  /** Single-use Session strings of sign-in challenges (MFA, passwordless). */
  readonly authSessions: AuthSessions;
  readonly log: (line: string) => void;
}

/**
 * Runs `fn` in one transaction that keeps its writes even when `fn` refuses with a CognitoError:
 * the error is thrown after the commit. For check-then-count steps, where the counted attempt
 * must stay although the answer is a refusal. Any other error rolls everything back.
 */
export function commitThenRefuse<T>(services: Services, fn: () => T): T {
  const outcome = services.store.transaction((): { value: T } | { refusal: CognitoError } => {
    try {
      return { value: fn() };
    } catch (error) {
      if (error instanceof CognitoError) return { refusal: error };
      throw error;
    }
  });
  if ('refusal' in outcome) throw outcome.refusal;
  return outcome.value;
}

/**
 * The subject under which a name that matches no user is counted (quotas, lockout), so an unknown
 * name is refused the same way, after the same work, as a real one: `phantom:` + an HMAC of the
 * lower-cased name under the pool's own decoy key (stable per name, reveals nothing).
 */
export function phantomSubject(services: Services, name: string): string {
  return `phantom:${decoyUserId(services, name)}`;
}

/**
 * The stand-in USER_ID_FOR_SRP of a name that matches no user: a UUID derived from the
 * lower-cased name under the pool's decoy key, stable across attempts as Cognito's is.
 */
export function decoyUserId(services: Services, name: string): string {
  const id = createHmac('sha256', services.keys.decoyKey)
    .update(`user:${name.toLowerCase()}`)
    .digest()
    .subarray(0, 16);
  id[6] = (id[6]! & 0x0f) | 0x40; // version 4
  id[8] = (id[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = id.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface RequestContext {
  readonly requestId: string;
  readonly headers: IncomingHttpHeaders;
}

/** One Cognito operation: request JSON in, response JSON out, or a thrown CognitoError. */
export type Operation = (request: JsonObject, ctx: RequestContext) => Promise<object>;
export type OperationFactory = (services: Services) => Operation;

export function resolveClient(pool: PoolConfig, clientId: string): LocalClient {
  const client = pool.clients.get(clientId);
  if (!client) throw new ResourceNotFoundException(`User pool client ${clientId} does not exist.`);
  return client;
}

/** Admin operations name the pool; only the local pool exists. */
export function assertPoolId(pool: PoolConfig, userPoolId: string): void {
  if (userPoolId !== pool.id)
    throw new ResourceNotFoundException(`User pool ${userPoolId} does not exist.`);
}

/**
 * Clients with a secret must prove it: SECRET_HASH = Base64(HMAC-SHA256(secret, username + clientId)).
 * Clients without one ignore whatever is sent, as Cognito does.
 */
export function assertSecretHash(
  client: LocalClient,
  username: string,
  secretHash: string | undefined,
): void {
  if (!client.secret) return;
  if (!secretHash) throw NotAuthorizedException.secretNotReceived(client.id);
  const expected = createHmac('sha256', client.secret).update(`${username}${client.id}`).digest();
  const actual = Buffer.from(secretHash, 'base64');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    throw NotAuthorizedException.badSecretHash(client.id);
}

/** GetTokensFromRefreshToken and RevokeToken take the raw secret instead of a hash. */
export function assertClientSecret(client: LocalClient, secret: string | undefined): void {
  if (!client.secret) return;
  if (!secret) throw NotAuthorizedException.secretNotReceived(client.id);
  const expected = Buffer.from(client.secret, 'utf8');
  const actual = Buffer.from(secret, 'utf8');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new NotAuthorizedException(`Unable to verify secret for client ${client.id}`);
  }
}

export function assertFlowEnabled(
  client: LocalClient,
  flow: 'ALLOW_USER_SRP_AUTH' | 'ALLOW_USER_PASSWORD_AUTH' | 'ALLOW_REFRESH_TOKEN_AUTH',
  authFlow: string,
): void {
  if (!client.declaration.explicitAuthFlows.includes(flow)) {
    throw new InvalidParameterException(`${authFlow} flow not enabled for this client`);
  }
}
