/** Stand-ins for names that match no user, so an unknown name costs and answers like a real one. */
import { createHmac } from 'node:crypto';
import { type Uses } from './services.ts';

/**
 * The subject under which a name that matches no user is counted (quotas, lockout), so an unknown
 * name is refused the same way, after the same work, as a real one: `phantom:` + an HMAC of the
 * lower-cased name under the pool's own decoy key (stable per name, reveals nothing).
 */
export function phantomSubject(services: Uses<'keys'>, name: string): string {
  return `phantom:${decoyUserId(services, name)}`;
}

/**
 * The stand-in USER_ID_FOR_SRP of a name that matches no user: a UUID derived from the
 * lower-cased name under the pool's decoy key, stable across attempts as Cognito's is.
 */
export function decoyUserId(services: Uses<'keys'>, name: string): string {
  const id = createHmac('sha256', services.keys.decoyKey)
    .update(`user:${name.toLowerCase()}`)
    .digest()
    .subarray(0, 16);
  id[6] = (id[6]! & 0x0f) | 0x40; // version 4
  id[8] = (id[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = id.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
