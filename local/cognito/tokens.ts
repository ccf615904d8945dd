/**
 * ID, access and refresh tokens with Cognito's claims and header (`{kid, alg: RS256}`, no `typ`),
 * signed with jose. ID and access tokens use different keys, as in Cognito.
 * Refresh tokens are opaque random strings; only their HMAC is stored.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import {
  SignJWT,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
} from 'jose';
import { numericDate, type Clock } from '../clock.ts';
import { NotAuthorizedException } from './errors.ts';
import { type KeyPurpose, type KeyRing } from './keys.ts';
import { type LocalClient } from './pool-config.ts';
import { type UserRecord } from './store.ts';
import { type TokenOverrides } from './triggers.ts';

/** The scope of access tokens issued by the user-pools API (InitiateAuth and friends). */
export const userAdminScope = 'aws.cognito.signin.user.admin';

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

export interface SessionClaims {
  readonly originJti: string;
  readonly eventId: string;
  /** Seconds; the original sign-in time, kept on refresh. */
  readonly authTime: number;
  /** What the pre token generation trigger is told; default TokenGeneration_Authentication. */
  readonly source?: TokenSource;
}

export type TokenSource =
  | 'TokenGeneration_Authentication'
  | 'TokenGeneration_RefreshTokens'
  | 'TokenGeneration_NewPasswordChallenge';

export interface TokenCustomization {
  /** The user's group names in Cognito's order (see groups.ts). */
  readonly groupsOf?: (username: string) => readonly string[];
  /** The pre token generation trigger (version 2). */
  readonly preTokenGeneration?: (
    source: TokenSource,
    user: UserRecord,
    client: LocalClient,
    groups: readonly string[],
    scopes: readonly string[],
  ) => Promise<TokenOverrides | undefined>;
}

/** Claims a pre token generation trigger cannot change (Cognito keeps its own values). */
const protectedClaims = new Set([
  'acr',
  'amr',
  'aud',
  'at_hash',
  'auth_time',
  'azp',
  'client_id',
  'cognito:username',
  'cognito:groups',
  'exp',
  'iat',
  'identities',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'event_id',
  'scope',
  'sub',
  'token_use',
  'username',
]);

export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  token_use: 'access';
  client_id: string;
  scope?: string;
  username?: string;
  origin_jti?: string;
  event_id?: string;
  auth_time: number;
}

export class TokenService {
  readonly issuer: string;
  readonly #keys: KeyRing;
  readonly #clock: Clock;
  readonly #custom: TokenCustomization;

  constructor(keys: KeyRing, clock: Clock, issuer: string, custom: TokenCustomization = {}) {
    this.#keys = keys;
    this.#clock = clock;
    this.issuer = issuer;
    this.#custom = custom;
  }

  /** ID + access token for one user sign-in (or refresh of it). */
  async issueUserTokens(
    user: UserRecord,
    client: LocalClient,
    session: SessionClaims,
  ): Promise<AuthenticationResult> {
    const now = numericDate(this.#clock.now());
    const validity = client.declaration.tokenValidity;
    const revocable = client.declaration.enableTokenRevocation
      ? { origin_jti: session.originJti }
      : {};
    const { sub, ...attributes } = user.attributes;
    const memberOf = this.#custom.groupsOf?.(user.username) ?? [];
    const overrides = await this.#custom.preTokenGeneration?.(
      session.source ?? 'TokenGeneration_Authentication',
      user,
      client,
      memberOf,
      [userAdminScope],
    );
    const groupNames = overrides?.groupOverrideDetails?.groupsToOverride ?? memberOf;
    // `cognito:groups` follows `sub` and is left out for a user in no group, as in Cognito.
    const groups = groupNames.length > 0 ? { 'cognito:groups': [...groupNames] } : {};
    const access = overrides?.accessTokenGeneration;
    const scope = [
      ...new Set(
        [userAdminScope, ...(access?.scopesToAdd ?? [])].filter(
          (name) => !(access?.scopesToSuppress ?? []).includes(name),
        ),
      ),
    ].join(' ');
    // Claim order follows a real token; `*_verified` are booleans in tokens (strings in GetUser).
    const idClaims: JWTPayload = {
      sub,
      ...groups,
      ...verifiedFlags(attributes),
      iss: this.issuer,
      'cognito:username': user.username,
      ...revocable,
      aud: client.id,
      event_id: session.eventId,
      token_use: 'id',
      auth_time: session.authTime,
      ...otherAttributes(attributes),
      exp: now + validity.idToken,
      iat: now,
      jti: randomUUID(),
    };
    const accessClaims: JWTPayload = {
      sub,
      ...groups,
      iss: this.issuer,
      client_id: client.id,
      ...revocable,
      event_id: session.eventId,
      token_use: 'access',
      scope,
      auth_time: session.authTime,
      exp: now + validity.accessToken,
      iat: now,
      jti: randomUUID(),
      username: user.username,
    };
    applyClaimChanges(idClaims, overrides?.idTokenGeneration);
    applyClaimChanges(accessClaims, access);
    if (accessClaims['scope'] === '') delete accessClaims['scope'];
    return {
      AccessToken: await this.#sign(accessClaims, 'access'),
      ExpiresIn: validity.accessToken,
      IdToken: await this.#sign(idClaims, 'id'),
      TokenType: 'Bearer',
    };
  }

  /** Machine-to-machine access token (client_credentials): `sub` is the client id, no username. */
  async issueClientToken(
    client: LocalClient,
    scopes: readonly string[],
  ): Promise<{ token: string; expiresIn: number }> {
    const now = numericDate(this.#clock.now());
    const expiresIn = client.declaration.tokenValidity.accessToken;
    const claims: JWTPayload = {
      sub: client.id,
      token_use: 'access',
      scope: scopes.join(' '),
      auth_time: now,
      iss: this.issuer,
      exp: now + expiresIn,
      iat: now,
      version: 2,
      jti: randomUUID(),
      client_id: client.id,
    };
    return { token: await this.#sign(claims, 'access'), expiresIn };
  }

  /**
   * Signature, issuer, expiry and `token_use` of an access token, with Cognito's messages.
   * Revocation is checked by the caller against the session store.
   */
  async verifyAccessToken(token: unknown): Promise<AccessTokenClaims> {
    const invalid = new NotAuthorizedException('Invalid Access Token');
    if (typeof token !== 'string' || token === '') throw invalid;
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw invalid;
    }
    const key = kid === undefined ? undefined : this.#keys.publicKey(kid);
    if (!key || key.purpose !== 'access') throw invalid;
    try {
      const { payload } = await jwtVerify(token, key.key, {
        issuer: this.issuer,
        algorithms: ['RS256'],
        currentDate: new Date(this.#clock.now()),
      });
      if (
        payload['token_use'] !== 'access' ||
        typeof payload.sub !== 'string' ||
        typeof payload['client_id'] !== 'string'
      )
        throw invalid;
      return payload as AccessTokenClaims;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired)
        throw new NotAuthorizedException('Access Token has expired');
      throw invalid;
    }
  }

  /** A fresh opaque refresh token and the hash under which its session is stored. */
  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(64).toString('base64url');
    return { token, hash: this.hashRefreshToken(token) };
  }

  hashRefreshToken(token: string): string {
    return createHmac('sha256', this.#keys.hashKey).update(`refresh:${token}`).digest('hex');
  }

  #sign(claims: JWTPayload, purpose: KeyPurpose): Promise<string> {
    const key = this.#keys.current(purpose);
    return new SignJWT(claims)
      .setProtectedHeader({ kid: key.kid, alg: 'RS256' })
      .sign(key.privateKey);
  }
}

/** A trigger's claimsToAddOrOverride / claimsToSuppress, leaving Cognito's own claims alone. */
function applyClaimChanges(
  claims: JWTPayload,
  changes:
    | { claimsToAddOrOverride?: Record<string, unknown>; claimsToSuppress?: readonly string[] }
    | undefined,
): void {
  if (!changes) return;
  for (const name of changes.claimsToSuppress ?? [])
    if (!protectedClaims.has(name)) delete claims[name];
  for (const [name, value] of Object.entries(changes.claimsToAddOrOverride ?? {}))
    if (!protectedClaims.has(name)) claims[name] = value;
}

function verifiedFlags(attributes: Record<string, string>): Record<string, boolean> {
  const flags: Record<string, boolean> = {};
  for (const [name, value] of Object.entries(attributes))
    if (name.endsWith('_verified')) flags[name] = value === 'true';
  return flags;
}

/** Every other attribute as a string claim (custom attributes included, as Cognito writes them). */
function otherAttributes(attributes: Record<string, string>): Record<string, string> {
  const rest: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes))
    if (!name.endsWith('_verified')) rest[name] = value;
  return rest;
}
