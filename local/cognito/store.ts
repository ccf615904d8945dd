/**
 * Durable pool state: users (salt + SRP verifier, never a password), sessions (a hash of the
 * opaque refresh token, never the token) and hashed codes, in one JSON file under the data folder.
 *
 * All state is held in memory and every change goes through `update`, which runs one mutation
 * at a time on a copy and swaps it in only after the file is safely on disk: concurrent requests
 * cannot interleave, a failed mutation leaves nothing behind, and a crash mid-write keeps the
 * previous file (see files.ts).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeFileAtomic } from './files.ts';

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED';

export interface StoredVerifier {
  /** Hex, as sent in `ChallengeParameters.SALT`. */
  readonly salt: string;
  /** Hex of v = g^x mod N. */
  readonly verifier: string;
}

export interface StoredCode {
  /** HMAC of the code under the pool's code key; the code itself is only in the mailbox. */
  readonly hash: string;
  readonly expiresAt: number;
}

export interface LockoutState {
  /** Failed sign-ins counted towards lockout (attempts refused during a lockout are not). */
  failures: number;
  lockedUntil: number;
  lastAttemptAt: number;
}

export interface UserRecord {
  /** Canonical username: a UUID equal to `sub` (the pool signs users in by email). */
  readonly username: string;
  attributes: Record<string, string>;
  status: UserStatus;
  enabled: boolean;
  readonly createdAt: number;
  updatedAt: number;
  password: StoredVerifier | undefined;
  /** When the current password was set by an administrator (temporary password expiry). */
  temporaryPasswordSetAt?: number;
  codes: { signUp?: StoredCode; forgotPassword?: StoredCode; verifyEmail?: StoredCode };
  lockout: LockoutState;
  /** Per-action timestamps (ms) inside the rate-limit window, see limits.ts. */
  rate: Record<string, number[]>;
  mfa?: UserMfa;
}

/** A person's second factors. The TOTP secret is only ever stored sealed (see totp.ts). */
export interface UserMfa {
  /** From AssociateSoftwareToken, waiting for VerifySoftwareToken. */
  pendingTotpSecret?: string;
  /** The verified authenticator-app secret. */
  totpSecret?: string;
  /** The 30-second step of the last code accepted: a code works once. */
  totpLastUsedStep?: number;
  totpEnabled: boolean;
  emailEnabled: boolean;
  preferred?: 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';
}

/** The pool's MFA settings as SetUserPoolMfaConfig leaves them (the declaration's until then). */
export interface StoredMfaConfig {
  mode: 'OFF' | 'OPTIONAL' | 'ON';
  softwareToken: boolean;
  /** Present when email codes are on. */
  email?: { subject: string; message: string };
}

/** One sign-in: its refresh token and every ID/access token derived from it share `originJti`. */
export interface SessionRecord {
  readonly originJti: string;
  readonly username: string;
  readonly clientId: string;
  readonly refreshTokenHash: string;
  /** Seconds, kept across refreshes as Cognito does. */
  readonly authTime: number;
  readonly expiresAt: number;
  revoked: boolean;
}

export interface PoolState {
  version: 1;
  createdAt: number;
  users: Record<string, UserRecord>;
  sessions: Record<string, SessionRecord>;
  /** Set by SetUserPoolMfaConfig; absent means the declaration in api/pool.ts. */
  mfaConfig?: StoredMfaConfig;
}

export class PoolStore {
  readonly #file: string;
  #state: PoolState;
  #tail: Promise<unknown> = Promise.resolve();

  private constructor(file: string, state: PoolState) {
    this.#file = file;
    this.#state = state;
  }

  static async open(dir: string, now: number): Promise<PoolStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, 'state.json');
    const existing = await readJsonFile<PoolState>(file);
    const state: PoolState = existing ?? { version: 1, createdAt: now, users: {}, sessions: {} };
    const store = new PoolStore(file, state);
    if (!existing) await writeFileAtomic(file, JSON.stringify(state));
    return store;
  }

  /** The current state, read-only: change it through `update`. */
  get state(): Readonly<PoolState> {
    return this.#state;
  }

  getUser(username: string): UserRecord | undefined {
    return Object.hasOwn(this.#state.users, username) ? this.#state.users[username] : undefined;
  }

  /** Users sign in with their email; emails compare case-insensitively as in Cognito. */
  findUser(usernameOrEmail: string): UserRecord | undefined {
    return findUserIn(this.#state, usernameOrEmail);
  }

  findSessionByRefreshHash(hash: string): SessionRecord | undefined {
    return Object.values(this.#state.sessions).find((session) => session.refreshTokenHash === hash);
  }

  getSession(originJti: string): SessionRecord | undefined {
    return Object.hasOwn(this.#state.sessions, originJti)
      ? this.#state.sessions[originJti]
      : undefined;
  }

  /**
   * Runs `mutate` on a private copy of the state, writes the copy to disk, then makes it current.
   * Mutations run strictly one after another. If `mutate` throws, nothing changes.
   */
  update<T>(mutate: (draft: PoolState) => T, now: number): Promise<T> {
    const run = async (): Promise<T> => {
      const draft = structuredClone(this.#state);
      const result = mutate(draft);
      pruneExpiredSessions(draft, now);
      await writeFileAtomic(this.#file, JSON.stringify(draft));
      this.#state = draft;
      return result;
    };
    const next = this.#tail.then(run, run);
    this.#tail = next.catch(() => undefined);
    return next;
  }

  /** Waits for every queued mutation to be on disk. */
  async flush(): Promise<void> {
    await this.#tail;
  }
}

export function findUserIn(state: PoolState, usernameOrEmail: string): UserRecord | undefined {
  if (Object.hasOwn(state.users, usernameOrEmail)) return state.users[usernameOrEmail];
  const email = usernameOrEmail.toLowerCase();
  return Object.values(state.users).find(
    (user) => user.attributes['email']?.toLowerCase() === email,
  );
}

/** Removes a user and every session of theirs, so no token of theirs works any more. */
export function deleteUserIn(state: PoolState, username: string): void {
  delete state.users[username];
  for (const [id, session] of Object.entries(state.sessions))
    if (session.username === username) delete state.sessions[id];
}

/** Sessions past their refresh token's life can never be used again; drop them. */
function pruneExpiredSessions(state: PoolState, now: number): void {
  for (const [id, session] of Object.entries(state.sessions)) {
    if (session.expiresAt <= now) delete state.sessions[id];
  }
}
