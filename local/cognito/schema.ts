/**
 * The pool database's schema, as an ordered list of migrations. Each runs once, inside the
 * transaction that records its `id` in `schema_version`; a database opened by this code gets every
 * migration it has not seen yet, in list order. Never edit or reorder a migration that has landed:
 * append a new one (see README.md, "Adding state to the pool").
 *
 * Conventions: times are epoch milliseconds (INTEGER); booleans are 0/1; anything keyed by a user
 * references `users(username) ON DELETE CASCADE`, so deleting a user removes all of their rows.
 * `subject` columns (codes, attempts, lockouts) hold a username, or `phantom:<hmac>` for a name
 * that matches no user: unknown names are counted like real ones, so quotas and lockout do not
 * reveal which accounts exist.
 */
import { type DatabaseSync } from 'node:sqlite';

export interface Migration {
  /** Unique and stable, e.g. `'0001-core'` or `'mfa-1-totp'`: recorded once applied. */
  readonly id: string;
  readonly up: (db: DatabaseSync) => void;
}

const core: Migration = {
  id: '0001-core',
  up: (db) =>
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      -- One row per user. seq orders ListUsers (creation order) and pages it (seq > ? LIMIT n).
      CREATE TABLE users (
        seq INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        sub TEXT NOT NULL UNIQUE,
        email TEXT UNIQUE,                       -- lower-cased email: the sign-in alias
        status TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        attributes TEXT NOT NULL,                -- JSON object of string attributes (sub included)
        password TEXT,                           -- JSON {salt, verifier}: SRP verifier, never a password
        temporary_password_set_at INTEGER,
        mfa TEXT,                                -- JSON UserMfa (TOTP secret sealed), see mfa.ts
        extra TEXT NOT NULL DEFAULT '{}'         -- JSON object for small per-user settings
      ) STRICT;
      CREATE INDEX users_status ON users (status);

      -- One row per pending code: only an HMAC of the code.
      CREATE TABLE codes (
        subject TEXT NOT NULL,
        purpose TEXT NOT NULL,
        hash TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (subject, purpose)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX codes_expiry ON codes (expires_at);

      -- One row per counted action (sliding one-hour quotas, see limits.ts).
      CREATE TABLE attempts (
        subject TEXT NOT NULL,
        action TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX attempts_by_subject ON attempts (subject, action, at);
      CREATE INDEX attempts_by_time ON attempts (at);

      -- Sign-in lockout counters (see lockout.ts); no row = no failures.
      CREATE TABLE lockouts (
        subject TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        locked_until INTEGER NOT NULL,
        last_attempt_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX lockouts_by_time ON lockouts (last_attempt_at);

      -- One row per sign-in (refresh token): only an HMAC of the refresh token.
      CREATE TABLE sessions (
        origin_jti TEXT PRIMARY KEY,
        username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        refresh_token_hash TEXT NOT NULL UNIQUE,
        auth_time INTEGER NOT NULL,              -- seconds, as in the auth_time claim
        expires_at INTEGER NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX sessions_by_user ON sessions (username);
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);

      -- SECRET_BLOCKs already answered, kept until they expire so no answer is replayed.
      CREATE TABLE used_challenges (
        key TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX used_challenges_by_expiry ON used_challenges (expires_at);
    `),
};

/**
 * Pending sign-in challenges (auth-sessions.ts), keyed by the HMAC of the `Session` string. No
 * foreign key on `username`: a challenge may be a decoy for a name that matches no user (so the
 * answer does not reveal which accounts exist); a deleted user's rows die with their 3 minutes.
 */
const authSessions: Migration = {
  id: 'mfa-1-auth-sessions',
  up: (db) =>
    db.exec(`
      CREATE TABLE auth_sessions (
        key TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        client_id TEXT NOT NULL,
        challenge TEXT NOT NULL,                 -- the ChallengeName it may answer
        expires_at INTEGER NOT NULL,
        data TEXT NOT NULL                       -- JSON object of strings (e.g. a code's HMAC)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX auth_sessions_by_expiry ON auth_sessions (expires_at);
    `),
};

/** User-pool groups (groups.ts): indexed group → members (primary key) and user → groups. */
const groups: Migration = {
  id: 'groups-1',
  up: (db) =>
    db.exec(`
      CREATE TABLE pool_groups (
        name TEXT PRIMARY KEY,
        description TEXT,
        precedence INTEGER,                      -- NULL: no precedence (sorts after every number)
        role_arn TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE group_members (
        group_name TEXT NOT NULL REFERENCES pool_groups (name) ON DELETE CASCADE,
        username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
        PRIMARY KEY (group_name, username)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX group_members_by_user ON group_members (username, group_name);
    `),
};

/**
 * DescribeUserPool's EstimatedNumberOfUsers, kept by triggers on `users` so reading it costs the
 * same in a pool of any size (a COUNT(*) would scan the table).
 */
const userCount: Migration = {
  id: 'pool-1-user-count',
  up: (db) =>
    db.exec(`
      CREATE TABLE user_count (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL) STRICT;
      INSERT INTO user_count (id, n) SELECT 1, COUNT(*) FROM users;
      CREATE TRIGGER users_counted_in AFTER INSERT ON users
        BEGIN UPDATE user_count SET n = n + 1 WHERE id = 1; END;
      CREATE TRIGGER users_counted_out AFTER DELETE ON users
        BEGIN UPDATE user_count SET n = n - 1 WHERE id = 1; END;
    `),
};

/** Passkeys (WebAuthn credentials): public keys and counters only, nothing secret. */
const passkeys: Migration = {
  id: 'passkeys-1',
  up: (db) =>
    db.exec(`
      CREATE TABLE passkeys (
        credential_id TEXT PRIMARY KEY,          -- base64url, as PublicKeyCredential.id
        username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
        public_key TEXT NOT NULL,                -- COSE key, base64url
        sign_count INTEGER NOT NULL,
        transports TEXT NOT NULL,                -- JSON list
        authenticator_attachment TEXT,
        friendly_name TEXT NOT NULL,
        relying_party_id TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX passkeys_by_user ON passkeys (username, created_at);
    `),
};

/**
 * Case-insensitive user names (`UsernameConfiguration.CaseSensitive: false`): `username_key` is
 * the username in lower case (`usernameKey`), indexed, so `findUser` finds `ABC…` and `abc…` with
 * one index lookup. Not unique: a case-sensitive pool may hold names that differ only in case.
 * Existing rows are backfilled here, once (JavaScript's lower-casing, not SQLite's ASCII-only one).
 */
const usernameKey: Migration = {
  id: 'users-2-username-key',
  up: (db) => {
    db.exec('ALTER TABLE users ADD COLUMN username_key TEXT');
    const update = db.prepare('UPDATE users SET username_key = ? WHERE seq = ?');
    for (const row of db.prepare('SELECT seq, username FROM users').all() as {
      seq: number;
      username: string;
    }[])
      update.run(usernameKeyOf(row.username), row.seq);
    db.exec('CREATE INDEX users_by_username_key ON users (username_key)');
  },
};

/**
 * The lookup key of a user name in a case-insensitive pool. Unconfirmed: Cognito's exact folding
 * for non-ASCII letters; Unicode lower case is the plausible one (and what email lookups use).
 */
export function usernameKeyOf(username: string): string {
  return username.toLowerCase();
}

/** ListUsers' `status = "Enabled"` / `"Disabled"` filter pages through this index. */
const enabledIndex: Migration = {
  id: 'users-3-enabled-index',
  up: (db) => db.exec('CREATE INDEX users_by_enabled ON users (enabled, seq)'),
};

/**
 * Passkey registration ceremonies under way (StartWebAuthnRegistration → Complete…): one per user,
 * single use, until `expires_at`; stored so a restart of the pool does not cancel them.
 */
const passkeyRegistrations: Migration = {
  id: 'passkeys-2-registrations',
  up: (db) =>
    db.exec(`
      CREATE TABLE webauthn_registrations (
        username TEXT PRIMARY KEY REFERENCES users (username) ON DELETE CASCADE,
        challenge TEXT NOT NULL,                 -- base64url, random; sent to the browser
        client_id TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX webauthn_registrations_by_expiry ON webauthn_registrations (expires_at);
    `),
};

/** In order. Append new migrations at the end. */
export const migrations: readonly Migration[] = [
  core,
  authSessions,
  groups,
  userCount,
  passkeys,
  usernameKey,
  enabledIndex,
  passkeyRegistrations,
];
