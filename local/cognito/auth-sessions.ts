/**
 * Challenge sessions: the `Session` string Cognito hands out with a sign-in challenge
 * (SOFTWARE_TOKEN_MFA, EMAIL_OTP, SELECT_MFA_TYPE, MFA_SETUP, …) and expects back with the answer.
 *
 * Each one is bound to a user, an app client and the challenge it may answer, lives as long as
 * Cognito's default authentication session (3 minutes) and is good for one successful answer:
 * `finish` spends it, so a captured answer cannot be replayed, and a step that leads to another
 * challenge hands out a new session. A wrong answer (a mistyped code) leaves it standing, as
 * Cognito lets a person retype; wrong codes count towards lockout instead (see sign-in.ts).
 *
 * The string itself is random and never stored: the table (`auth_sessions` in the pool database)
 * is keyed by its HMAC, so the data folder holds nothing a client could present. Challenge-specific state (the HMAC of an emailed
 * code, the factor being set up) travels in `data`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { NotAuthorizedException } from './errors.ts';
import { type PoolStore } from './store.ts';

/** Cognito's default authentication-flow session duration (app client setting, 3 to 15 minutes). */
export const authSessionLifetimeMs = 3 * 60_000;

export interface AuthSessionRecord {
  /** Canonical username (the sub UUID). */
  readonly username: string;
  readonly clientId: string;
  /** The `ChallengeName` this session may answer. */
  readonly challenge: string;
  readonly expiresAt: number;
  readonly data: Readonly<Record<string, string>>;
}

/** Where sessions are kept, keyed by the HMAC of the Session string. */
export interface AuthSessionTable {
  get(key: string): AuthSessionRecord | undefined;
  put(key: string, record: AuthSessionRecord): void;
  /** True when the row existed (and is now gone): the one caller that gets true spends it. */
  delete(key: string): boolean;
  /** Drops every row expired at `now`. */
  prune(now: number): void;
}

interface AuthSessionRow {
  username: string;
  client_id: string;
  challenge: string;
  expires_at: number;
  data: string;
}

/** The pool database's `auth_sessions` table (schema.ts), so a restart keeps pending sign-ins. */
export class StoreAuthSessionTable implements AuthSessionTable {
  readonly #store: PoolStore;
  constructor(store: PoolStore) {
    this.#store = store;
  }
  get(key: string): AuthSessionRecord | undefined {
    const row = this.#store.get<AuthSessionRow>(
      'SELECT username, client_id, challenge, expires_at, data FROM auth_sessions WHERE key = ?',
      key,
    );
    return row
      ? {
          username: row.username,
          clientId: row.client_id,
          challenge: row.challenge,
          expiresAt: row.expires_at,
          data: JSON.parse(row.data) as Record<string, string>,
        }
      : undefined;
  }
  put(key: string, record: AuthSessionRecord): void {
    this.#store.run(
      `INSERT INTO auth_sessions (key, username, client_id, challenge, expires_at, data)
       VALUES (?, ?, ?, ?, ?, ?)`,
      key,
      record.username,
      record.clientId,
      record.challenge,
      record.expiresAt,
      JSON.stringify(record.data),
    );
  }
  delete(key: string): boolean {
    return this.#store.run('DELETE FROM auth_sessions WHERE key = ?', key).changes === 1;
  }
  prune(now: number): void {
    this.#store.run('DELETE FROM auth_sessions WHERE expires_at <= ?', now);
  }
}

export const invalidSession = (): NotAuthorizedException =>
  new NotAuthorizedException('Invalid session for the user.');
const expiredSession = (): NotAuthorizedException =>
  new NotAuthorizedException('Invalid session for the user, session is expired.');

export class AuthSessions {
  readonly #table: AuthSessionTable;
  readonly #key: Buffer;
  readonly #lifetimeMs: number;

  constructor(table: AuthSessionTable, hashKey: Buffer, lifetimeMs = authSessionLifetimeMs) {
    this.#table = table;
    this.#key = hashKey;
    this.#lifetimeMs = lifetimeMs;
  }

  /** A new Session string for `challenge`, valid for the session lifetime from `now`. */
  start(
    binding: {
      username: string;
      clientId: string;
      challenge: string;
      data?: Record<string, string>;
    },
    now: number,
  ): string {
    this.#table.prune(now);
    const session = randomBytes(48).toString('base64url');
    this.#table.put(this.#hash(session), {
      username: binding.username,
      clientId: binding.clientId,
      challenge: binding.challenge,
      expiresAt: now + this.#lifetimeMs,
      data: binding.data ?? {},
    });
    return session;
  }

  /**
   * The pending session, if `session` is one this pool issued to `clientId` for one of
   * `challenges` and it has not expired; otherwise NotAuthorizedException with Cognito's wording.
   * `clientId` is undefined for the calls that name no client (AssociateSoftwareToken,
   * VerifySoftwareToken): the session's own client carries over to the next one.
   */
  expect(
    session: unknown,
    clientId: string | undefined,
    challenges: string | readonly string[],
    now: number,
  ): AuthSessionRecord {
    if (typeof session !== 'string' || session === '' || session.length > 2048)
      throw invalidSession();
    const record = this.#table.get(this.#hash(session));
    const allowed = typeof challenges === 'string' ? [challenges] : challenges;
    if (
      !record ||
      (clientId !== undefined && record.clientId !== clientId) ||
      !allowed.includes(record.challenge)
    )
      throw invalidSession();
    if (record.expiresAt <= now) throw expiredSession();
    return record;
  }

  /** Spends the session after a successful answer; throws if someone else already spent it. */
  finish(session: string): void {
    if (!this.#table.delete(this.#hash(session))) throw invalidSession();
  }

  #hash(session: string): string {
    return createHmac('sha256', this.#key).update(`auth-session:${session}`).digest('base64url');
  }
}
