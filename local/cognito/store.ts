/**
 * Durable pool state in one SQLite database, `<dataDir>/cognito/pool.db` (node:sqlite, WAL journal,
 * synchronous=FULL: a write is on disk before its answer is sent). Rows per user, pending code,
 * counted attempt, lockout counter, session (refresh-token HMAC) and answered SRP challenge, each
 * looked up through an index: no operation reads or writes every user.
 *
 * node:sqlite is synchronous, and so is `transaction(fn)`: `BEGIN IMMEDIATE`, `fn()`, `COMMIT`
 * (or `ROLLBACK` if it throws), with no `await` possible in between. Nothing else runs on the
 * event loop meanwhile, so a check and the count it depends on, done in one transaction, cannot
 * interleave with another request's. Nested calls become savepoints.
 *
 * Passwords are never stored (only SRP salts and verifiers), refresh tokens and codes only as
 * HMACs. Other features add their own tables through a migration in schema.ts (see README.md).
 */
import { chmod, mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { readJsonFile } from './files.ts';
import { migrations, usernameKeyOf } from './schema.ts';
import { userPool } from '../../api/pool.ts';

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
  readonly failures: number;
  readonly lockedUntil: number;
  readonly lastAttemptAt: number;
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
  temporaryPasswordSetAt?: number | undefined;
  /** Second factors (column `mfa`, JSON), see mfa.ts. */
  mfa?: UserMfa | undefined;
  /** Small per-user settings of other features (JSON); bigger state belongs in its own table. */
  extra: Record<string, unknown>;
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
  readonly revoked: boolean;
}

/**
 * A ListUsers filter, already normalised by user-filter.ts: on an indexed column (the value in
 * the column's own case), or on an attribute of the JSON, which no index covers, so it is matched
 * row by row within a bounded window (`attributeScanWindow`), exactly (case-sensitive).
 */
export type UserFilter =
  | {
      readonly column: 'username' | 'username_key' | 'sub' | 'email' | 'status' | 'enabled';
      readonly match: 'equals' | 'prefix';
      readonly value: string | number;
    }
  | { readonly attribute: string; readonly match: 'equals' | 'prefix'; readonly value: string };

/**
 * Rows an attribute filter looks at per request: the page holds the matches among them and, when
 * the window ends first, a token to go on. The cost of a request stays bounded whatever the pool's
 * size; a rare value may take several (possibly empty) pages to reach.
 */
export const attributeScanWindow = 1000;

const hourMs = 3600_000;
const quietResetMs = 15 * 60_000;

interface UserRow {
  seq: number;
  username: string;
  status: string;
  enabled: number;
  created_at: number;
  updated_at: number;
  attributes: string;
  password: string | null;
  temporary_password_set_at: number | null;
  mfa: string | null;
  extra: string;
}

interface SessionRow {
  origin_jti: string;
  username: string;
  client_id: string;
  refresh_token_hash: string;
  auth_time: number;
  expires_at: number;
  revoked: number;
}

export class PoolStore {
  /** The open database: for features' own tables (prefer `run`/`get`/`all`, which cache statements). */
  readonly db: DatabaseSync;
  /** `UsernameConfiguration.CaseSensitive`: whether `findUser` tells `Abc` from `abc`. */
  readonly usernameCaseSensitive: boolean;
  #createdAt: number;
  readonly #statements = new Map<string, StatementSync>();
  #depth = 0;

  private constructor(db: DatabaseSync, createdAt: number, usernameCaseSensitive: boolean) {
    this.db = db;
    this.#createdAt = createdAt;
    this.usernameCaseSensitive = usernameCaseSensitive;
  }

  /** When the pool was first created (ms); fixes the pool's creation date across restarts. */
  get createdAt(): number {
    return this.#createdAt;
  }

  /**
   * Opens (or creates) `<dir>/pool.db`, applies pending migrations, and imports a `state.json`
   * left by the earlier JSON store once (then renamed to `state.json.migrated`).
   */
  static async open(
    dir: string,
    now: number,
    options: { usernameCaseSensitive?: boolean } = {},
  ): Promise<PoolStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    const file = join(dir, 'pool.db');
    // Create the file private first: SQLite gives its -wal and -shm files the same mode.
    await (await open(file, 'a', 0o600)).close();
    await chmod(file, 0o600);
    const db = new DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: 5000 });
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    migrate(db, now);
    const createdAt = Number(
      (db.prepare(`SELECT value FROM meta WHERE key = 'createdAt'`).get() as { value: string })
        .value,
    );
    const store = new PoolStore(
      db,
      createdAt,
      options.usernameCaseSensitive ?? userPool.usernameCaseSensitive,
    );
    await store.#importJsonState(dir);
    store.prune(now);
    return store;
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  /**
   * Runs `fn` in one transaction (`BEGIN IMMEDIATE … COMMIT`); if it throws, nothing it wrote
   * stays. `fn` must be synchronous: a check and the write it guards cannot be split by `await`.
   * Inside another transaction it becomes a savepoint. `durable: false` skips the fsync at commit
   * (for writes whose loss in a power cut is harmless, such as a refused attempt's time).
   */
  transaction<T>(fn: () => T, options: { durable?: boolean } = {}): T {
    const outer = this.#depth === 0;
    if (outer && options.durable === false) {
      // WAL + NORMAL: no fsync at this commit (the next durable one syncs it). A process crash
      // still keeps it; only a power cut could lose it, so use it only for writes that may be lost.
      this.db.exec('PRAGMA synchronous = NORMAL');
      try {
        return this.transaction(fn);
      } finally {
        this.db.exec('PRAGMA synchronous = FULL');
      }
    }
    const savepoint = `s${this.#depth}`;
    this.db.exec(outer ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
    this.#depth += 1;
    let result: T;
    try {
      result = fn();
      if (result instanceof Promise)
        throw new Error('PoolStore.transaction: the callback must be synchronous');
    } catch (error) {
      this.#depth -= 1;
      this.db.exec(outer ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
      throw error;
    }
    this.#depth -= 1;
    this.db.exec(outer ? 'COMMIT' : `RELEASE ${savepoint}`);
    return result;
  }

  /** Runs a write statement (cached). */
  run(sql: string, ...params: SQLInputValue[]): { changes: number } {
    const { changes } = this.#statement(sql).run(...params);
    return { changes: Number(changes) };
  }

  /** The first row of a query (cached statement), or undefined. */
  get<Row>(sql: string, ...params: SQLInputValue[]): Row | undefined {
    return this.#statement(sql).get(...params) as Row | undefined;
  }

  /** Every row of a query (cached statement): use with LIMIT or a selective index. */
  all<Row>(sql: string, ...params: SQLInputValue[]): Row[] {
    return this.#statement(sql).all(...params) as Row[];
  }

  // ── users ──────────────────────────────────────────────────────────────────────────────

  getUser(username: string): UserRecord | undefined {
    const row = this.get<UserRow>('SELECT * FROM users WHERE username = ?', username);
    return row && toUser(row);
  }

  /**
   * A name as a person or client typed it: the username (`sub`), in any case when the pool's user
   * names are case-insensitive, or the email alias, which always compares case-insensitively.
   * `getUser` takes the canonical username only.
   */
  findUser(usernameOrEmail: string): UserRecord | undefined {
    const row =
      (this.usernameCaseSensitive
        ? this.get<UserRow>('SELECT * FROM users WHERE username = ?', usernameOrEmail)
        : this.get<UserRow>(
            'SELECT * FROM users WHERE username_key = ? ORDER BY seq LIMIT 1',
            usernameKeyOf(usernameOrEmail),
          )) ??
      this.get<UserRow>('SELECT * FROM users WHERE email = ?', usernameOrEmail.toLowerCase());
    return row && toUser(row);
  }

  /** Inserts a new user or replaces the one with the same username (keeping its place in lists). */
  putUser(user: UserRecord): void {
    const email = user.attributes['email']?.toLowerCase() ?? null;
    this.run(
      `INSERT INTO users (username, sub, email, status, enabled, created_at, updated_at, attributes,
                          password, temporary_password_set_at, mfa, extra, username_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (username) DO UPDATE SET sub = excluded.sub, email = excluded.email,
         status = excluded.status, enabled = excluded.enabled, updated_at = excluded.updated_at,
         attributes = excluded.attributes, password = excluded.password,
         temporary_password_set_at = excluded.temporary_password_set_at, mfa = excluded.mfa,
         extra = excluded.extra`,
      user.username,
      user.attributes['sub'] ?? user.username,
      email,
      user.status,
      user.enabled ? 1 : 0,
      user.createdAt,
      user.updatedAt,
      JSON.stringify(user.attributes),
      user.password ? JSON.stringify(user.password) : null,
      user.temporaryPasswordSetAt ?? null,
      user.mfa ? JSON.stringify(user.mfa) : null,
      JSON.stringify(user.extra),
      usernameKeyOf(user.username),
    );
  }

  /**
   * Reads the user, lets `mutate` change a copy, writes it back; undefined if there is no such
   * user. Call inside `transaction` when the change depends on a check.
   */
  updateUser(username: string, mutate: (user: UserRecord) => void): UserRecord | undefined {
    return this.transaction(() => {
      const user = this.getUser(username);
      if (!user) return undefined;
      mutate(user);
      this.putUser(user);
      return user;
    });
  }

  /** Removes a user with every row of theirs (sessions by cascade, codes and counters here). */
  deleteUser(username: string): boolean {
    return this.transaction(() => {
      for (const table of ['codes', 'attempts', 'lockouts'])
        this.run(`DELETE FROM ${table} WHERE subject = ?`, username);
      return this.run('DELETE FROM users WHERE username = ?', username).changes > 0;
    });
  }

  /**
   * One page of users in creation order, after `afterSeq`, optionally filtered; `lastSeq` is where
   * the next page starts (the last row looked at), `more` whether there may be one.
   */
  listUsers(options: { afterSeq: number; limit: number; filter?: UserFilter | undefined }): {
    users: UserRecord[];
    lastSeq: number;
    more: boolean;
  } {
    const filter = options.filter;
    if (filter && 'attribute' in filter) {
      const window = this.all<UserRow & { value: unknown }>(
        `SELECT *, json_extract(attributes, ?) AS value FROM users WHERE seq > ? ORDER BY seq LIMIT ?`,
        `$."${filter.attribute.replace(/["\\]/g, '')}"`,
        options.afterSeq,
        attributeScanWindow,
      );
      const matched: UserRow[] = [];
      let lastSeq = options.afterSeq;
      for (const row of window) {
        const value = typeof row.value === 'string' ? row.value : undefined;
        const hit =
          value !== undefined &&
          (filter.match === 'equals' ? value === filter.value : value.startsWith(filter.value));
        if (hit) {
          if (matched.length === options.limit)
            return { users: matched.map(toUser), lastSeq, more: true };
          matched.push(row);
        }
        lastSeq = row.seq;
      }
      return {
        users: matched.map(toUser),
        lastSeq,
        more: window.length === attributeScanWindow,
      };
    }
    const { where, params } = filterSql(filter);
    const rows = this.all<UserRow>(
      `SELECT * FROM users WHERE seq > ? ${where} ORDER BY seq LIMIT ?`,
      options.afterSeq,
      ...params,
      options.limit + 1,
    );
    const page = rows.slice(0, options.limit);
    return {
      users: page.map(toUser),
      lastSeq: page.at(-1)?.seq ?? options.afterSeq,
      more: rows.length > options.limit,
    };
  }

  // ── pool settings ──────────────────────────────────────────────────────────────────────

  /** A pool-wide setting (JSON in table `meta`), or undefined when never set. */
  getSetting<T>(key: string): T | undefined {
    const row = this.get<{ value: string }>(
      'SELECT value FROM meta WHERE key = ?',
      `setting:${key}`,
    );
    return row && (JSON.parse(row.value) as T);
  }

  putSetting(key: string, value: unknown): void {
    this.run(
      `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      `setting:${key}`,
      JSON.stringify(value),
    );
  }

  /** Set by SetUserPoolMfaConfig; undefined means the declaration in api/pool.ts. */
  get mfaConfig(): StoredMfaConfig | undefined {
    return this.getSetting<StoredMfaConfig>('mfaConfig');
  }

  // ── codes ──────────────────────────────────────────────────────────────────────────────

  getCode(subject: string, purpose: string): StoredCode | undefined {
    const row = this.get<{ hash: string; expires_at: number }>(
      'SELECT hash, expires_at FROM codes WHERE subject = ? AND purpose = ?',
      subject,
      purpose,
    );
    return row && { hash: row.hash, expiresAt: row.expires_at };
  }

  /** Stores the pending code for `purpose`, replacing any earlier one (which stops working). */
  putCode(subject: string, purpose: string, code: StoredCode): void {
    this.run(
      `INSERT INTO codes (subject, purpose, hash, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (subject, purpose) DO UPDATE SET hash = excluded.hash, expires_at = excluded.expires_at`,
      subject,
      purpose,
      code.hash,
      code.expiresAt,
    );
  }

  deleteCode(subject: string, purpose: string): void {
    this.run('DELETE FROM codes WHERE subject = ? AND purpose = ?', subject, purpose);
  }

  // ── counted attempts (hourly quotas) ───────────────────────────────────────────────────

  /** How many times `action` was counted for `subject` in the hour before `now`. */
  countAttempts(subject: string, action: string, now: number): number {
    return this.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM attempts WHERE subject = ? AND action = ? AND at > ?',
      subject,
      action,
      now - hourMs,
    )!.n;
  }

  /** Counts one; returns its id for `removeAttempt`. */
  addAttempt(subject: string, action: string, now: number): number {
    const { lastInsertRowid } = this.#statement(
      'INSERT INTO attempts (subject, action, at) VALUES (?, ?, ?)',
    ).run(subject, action, now);
    return Number(lastInsertRowid);
  }

  removeAttempt(id: number): void {
    this.run('DELETE FROM attempts WHERE rowid = ?', id);
  }

  // ── lockout ────────────────────────────────────────────────────────────────────────────

  getLockout(subject: string): LockoutState {
    const row = this.get<{ failures: number; locked_until: number; last_attempt_at: number }>(
      'SELECT failures, locked_until, last_attempt_at FROM lockouts WHERE subject = ?',
      subject,
    );
    return row
      ? {
          failures: row.failures,
          lockedUntil: row.locked_until,
          lastAttemptAt: row.last_attempt_at,
        }
      : { failures: 0, lockedUntil: 0, lastAttemptAt: 0 };
  }

  /** Writes the counter; a cleared one (no failures, no attempt) removes the row. */
  putLockout(subject: string, state: LockoutState): void {
    if (state.failures === 0 && state.lockedUntil === 0 && state.lastAttemptAt === 0) {
      this.run('DELETE FROM lockouts WHERE subject = ?', subject);
      return;
    }
    this.run(
      `INSERT INTO lockouts (subject, failures, locked_until, last_attempt_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures,
         locked_until = excluded.locked_until, last_attempt_at = excluded.last_attempt_at`,
      subject,
      state.failures,
      state.lockedUntil,
      state.lastAttemptAt,
    );
  }

  // ── sessions ───────────────────────────────────────────────────────────────────────────

  putSession(session: SessionRecord): void {
    this.run(
      `INSERT INTO sessions (origin_jti, username, client_id, refresh_token_hash, auth_time, expires_at, revoked)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      session.originJti,
      session.username,
      session.clientId,
      session.refreshTokenHash,
      session.authTime,
      session.expiresAt,
      session.revoked ? 1 : 0,
    );
  }

  getSession(originJti: string): SessionRecord | undefined {
    const row = this.get<SessionRow>('SELECT * FROM sessions WHERE origin_jti = ?', originJti);
    return row && toSession(row);
  }

  findSessionByRefreshHash(hash: string): SessionRecord | undefined {
    const row = this.get<SessionRow>('SELECT * FROM sessions WHERE refresh_token_hash = ?', hash);
    return row && toSession(row);
  }

  revokeSession(originJti: string): void {
    this.run('UPDATE sessions SET revoked = 1 WHERE origin_jti = ?', originJti);
  }

  revokeUserSessions(username: string): void {
    this.run('UPDATE sessions SET revoked = 1 WHERE username = ?', username);
  }

  // ── SRP challenges ─────────────────────────────────────────────────────────────────────

  /** Marks a challenge answered until `expiresAt`; false if it already was. */
  claimChallenge(key: string, expiresAt: number): boolean {
    return (
      this.run(
        'INSERT INTO used_challenges (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
        key,
        expiresAt,
      ).changes === 1
    );
  }

  // ── housekeeping ───────────────────────────────────────────────────────────────────────

  /** Drops rows that can never matter again (each through its expiry index). */
  prune(now: number): void {
    this.transaction(() => {
      this.run('DELETE FROM sessions WHERE expires_at <= ?', now);
      this.run('DELETE FROM codes WHERE expires_at <= ?', now);
      this.run('DELETE FROM used_challenges WHERE expires_at <= ?', now);
      this.run('DELETE FROM auth_sessions WHERE expires_at <= ?', now);
      this.run('DELETE FROM webauthn_registrations WHERE expires_at <= ?', now);
      this.run('DELETE FROM attempts WHERE at <= ?', now - hourMs);
      // 15 quiet minutes reset a counter (lockout.ts), and no lock lasts longer than that.
      this.run(
        'DELETE FROM lockouts WHERE last_attempt_at <= ? AND locked_until <= ?',
        now - quietResetMs,
        now,
      );
    });
  }

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** One-time import of the JSON store's `state.json` (users, codes, counters, sessions). */
  async #importJsonState(dir: string): Promise<void> {
    const file = join(dir, 'state.json');
    const legacy = await readJsonFile<LegacyState>(file);
    if (!legacy) return;
    const done = this.get<{ value: string }>(`SELECT value FROM meta WHERE key = 'importedJson'`);
    if (!done) {
      this.transaction(() => {
        this.run(`UPDATE meta SET value = ? WHERE key = 'createdAt'`, String(legacy.createdAt));
        for (const user of Object.values(legacy.users ?? {})) {
          this.putUser({
            username: user.username,
            attributes: user.attributes,
            status: user.status,
            enabled: user.enabled,
            createdAt: user.createdAt,
            updatedAt: user.updatedAt,
            password: user.password,
            temporaryPasswordSetAt: user.temporaryPasswordSetAt,
            mfa: user.mfa,
            extra: {},
          });
          for (const [purpose, code] of Object.entries(user.codes ?? {}))
            if (code) this.putCode(user.username, purpose, code);
          for (const [action, times] of Object.entries(user.rate ?? {}))
            for (const at of times) this.addAttempt(user.username, action, at);
          if (user.lockout) this.putLockout(user.username, user.lockout);
        }
        if (legacy.mfaConfig) this.putSetting('mfaConfig', legacy.mfaConfig);
        for (const session of Object.values(legacy.sessions ?? {}))
          if (legacy.users?.[session.username]) this.putSession(session);
        this.run(`INSERT INTO meta (key, value) VALUES ('importedJson', ?)`, file);
      });
    }
    await rename(file, `${file}.migrated`);
    this.#createdAt = legacy.createdAt;
  }
}

/** The JSON store's file (before the database), read once to migrate it. */
interface LegacyState {
  createdAt: number;
  users?: Record<
    string,
    Omit<UserRecord, 'extra'> & {
      codes?: Record<string, StoredCode | undefined>;
      lockout?: LockoutState;
      rate?: Record<string, number[]>;
    }
  >;
  sessions?: Record<string, SessionRecord>;
  mfaConfig?: StoredMfaConfig;
}

function migrate(db: DatabaseSync, now: number): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT',
  );
  const applied = new Set(
    (db.prepare('SELECT id FROM schema_version').all() as { id: string }[]).map((row) => row.id),
  );
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      migration.up(db);
      if (migration.id === '0001-core')
        db.prepare(`INSERT INTO meta (key, value) VALUES ('createdAt', ?)`).run(String(now));
      db.prepare('INSERT INTO schema_version (id, applied_at) VALUES (?, ?)').run(
        migration.id,
        now,
      );
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

function toUser(row: UserRow): UserRecord {
  return {
    username: row.username,
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    status: row.status as UserStatus,
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    password: row.password ? (JSON.parse(row.password) as StoredVerifier) : undefined,
    ...(row.temporary_password_set_at === null
      ? {}
      : { temporaryPasswordSetAt: row.temporary_password_set_at }),
    ...(row.mfa === null ? {} : { mfa: JSON.parse(row.mfa) as UserMfa }),
    extra: JSON.parse(row.extra) as Record<string, unknown>,
  };
}

function toSession(row: SessionRow): SessionRecord {
  return {
    originJti: row.origin_jti,
    username: row.username,
    clientId: row.client_id,
    refreshTokenHash: row.refresh_token_hash,
    authTime: row.auth_time,
    expiresAt: row.expires_at,
    revoked: row.revoked === 1,
  };
}

function filterSql(filter: UserFilter | undefined): { where: string; params: SQLInputValue[] } {
  if (!filter || !('column' in filter)) return { where: '', params: [] };
  const { column, value } = filter;
  if (filter.match === 'equals') return { where: `AND ${column} = ?`, params: [value] };
  // A prefix is a range on the column's index: [value, value + the highest code point).
  return { where: `AND ${column} >= ? AND ${column} < ?`, params: [value, `${value}\u{10ffff}`] };
}
