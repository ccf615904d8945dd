/** What an operation checks of the app client and pool a request names. */
import { type ExplicitAuthFlow } from '../../api/pool.ts';
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  InvalidParameterException,
  NotAuthorizedException,
  ResourceNotFoundException,
} from './errors.ts';
import { type LocalClient, type PoolConfig } from './pool-config.ts';

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
  flow: ExplicitAuthFlow,
  authFlow: string,
): void {
  if (!client.declaration.explicitAuthFlows.includes(flow)) {
    throw new InvalidParameterException(`${authFlow} flow not enabled for this client`);
  }
}
