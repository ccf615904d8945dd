/**
 * User-pool groups and memberships in an embedded SQLite database (node:sqlite), indexed both
 * ways (group → users, user → groups) so every lookup is one index range, whatever the pool's
 * size. Pages are keyset pages: the opaque token names the last row served.
 */
import { open } from 'node:fs/promises';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { type GroupDeclaration } from '../../api/pool.ts';
import { InvalidParameterException } from './errors.ts';

export interface GroupRecord {
  readonly name: string;
  readonly description: string | undefined;
  readonly precedence: number | undefined;
  readonly roleArn: string | undefined;
  /** ms */
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken: string | undefined;
}

interface GroupRow {
  name: string;
  description: string | null;
  precedence: number | null;
  role_arn: string | null;
  created_at: number;
  updated_at: number;
}

const schema = `
  CREATE TABLE IF NOT EXISTS pool_groups (
    name TEXT PRIMARY KEY,
    description TEXT,
    precedence INTEGER,
    role_arn TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS group_members (
    group_name TEXT NOT NULL REFERENCES pool_groups(name) ON DELETE CASCADE,
    username TEXT NOT NULL,
    PRIMARY KEY (group_name, username)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS group_members_by_user ON group_members(username, group_name);
`;

/**
 * Order of a user's groups, in `cognito:groups` and AdminListGroupsForUser: by precedence (0 first,
 * groups without one last), then by name. Unconfirmed: AWS documents precedence, not the tie-break.
 */
const userGroupOrder = 'ORDER BY g.precedence IS NULL, g.precedence, g.name';

export class GroupDirectory {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  private constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /** Opens (and creates) the tables in `file`; `:memory:` for tests. */
  static open(file: string): GroupDirectory {
    const db = new DatabaseSync(file);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;');
    db.exec(schema);
    return new GroupDirectory(db);
  }

  /** The database file is made 0600 before SQLite opens it (its -wal/-shm copy that mode). */
  static async openFile(file: string): Promise<GroupDirectory> {
    const handle = await open(file, 'a', 0o600);
    await handle.chmod(0o600);
    await handle.close();
    return GroupDirectory.open(file);
  }

  close(): void {
    this.#db.close();
  }

  /** Creates the declared groups that do not exist yet (as CloudFormation would); keeps members. */
  ensureDeclared(declared: readonly GroupDeclaration[], now: number): void {
    for (const group of declared) {
      if (this.get(group.name)) continue;
      this.create(
        {
          name: group.name,
          description: group.description,
          precedence: group.precedence,
          roleArn: undefined,
        },
        now,
      );
    }
  }

  get(name: string): GroupRecord | undefined {
    const row = this.#prepare('SELECT * FROM pool_groups WHERE name = ?').get(name) as
      GroupRow | undefined;
    return row && toRecord(row);
  }

  /** False when a group of that name exists already. */
  create(group: Omit<GroupRecord, 'createdAt' | 'updatedAt'>, now: number): boolean {
    const result = this.#prepare(
      `INSERT INTO pool_groups (name, description, precedence, role_arn, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`,
    ).run(
      group.name,
      group.description ?? null,
      group.precedence ?? null,
      group.roleArn ?? null,
      now,
      now,
    );
    return result.changes === 1;
  }

  /** Changes only the members given (`undefined` keeps the stored value); false if no such group. */
  update(
    name: string,
    changes: { description?: string; precedence?: number; roleArn?: string },
    now: number,
  ): boolean {
    const result = this.#prepare(
      `UPDATE pool_groups SET description = coalesce(?, description),
         precedence = coalesce(?, precedence), role_arn = coalesce(?, role_arn), updated_at = ?
       WHERE name = ?`,
    ).run(
      changes.description ?? null,
      changes.precedence ?? null,
      changes.roleArn ?? null,
      now,
      name,
    );
    return result.changes === 1;
  }

  /** Deletes the group and its memberships; false if no such group. */
  delete(name: string): boolean {
    return this.#prepare('DELETE FROM pool_groups WHERE name = ?').run(name).changes === 1;
  }

  /** Groups by name. */
  list(limit: number, token: string | undefined): Page<GroupRecord> {
    const after = decodeToken(token);
    const rows = this.#prepare(
      'SELECT * FROM pool_groups WHERE name > ? ORDER BY name LIMIT ?',
    ).all(after, limit + 1) as unknown as GroupRow[];
    return page(rows.map(toRecord), limit, (group) => group.name);
  }

  addMember(groupName: string, username: string): void {
    this.#prepare(
      'INSERT INTO group_members (group_name, username) VALUES (?, ?) ON CONFLICT DO NOTHING',
    ).run(groupName, username);
  }

  removeMember(groupName: string, username: string): void {
    this.#prepare('DELETE FROM group_members WHERE group_name = ? AND username = ?').run(
      groupName,
      username,
    );
  }

  /** Forgets a deleted user's memberships. */
  removeUser(username: string): void {
    this.#prepare('DELETE FROM group_members WHERE username = ?').run(username);
  }

  /** Names of the user's groups in token order (a user is in at most 100 groups on AWS). */
  namesForUser(username: string): string[] {
    const rows = this.#prepare(
      `SELECT g.name FROM group_members m JOIN pool_groups g ON g.name = m.group_name
       WHERE m.username = ? ${userGroupOrder}`,
    ).all(username) as unknown as { name: string }[];
    return rows.map((row) => row.name);
  }

  /** The user's groups in token order; the token is an offset (bounded by the 100-group cap). */
  groupsForUser(username: string, limit: number, token: string | undefined): Page<GroupRecord> {
    const offset = token === undefined ? 0 : Number.parseInt(decodeToken(token), 10);
    if (!Number.isSafeInteger(offset) || offset < 0) throw invalidToken();
    const rows = this.#prepare(
      `SELECT g.* FROM group_members m JOIN pool_groups g ON g.name = m.group_name
       WHERE m.username = ? ${userGroupOrder} LIMIT ? OFFSET ?`,
    ).all(username, limit + 1, offset) as unknown as GroupRow[];
    const items = rows.slice(0, limit).map(toRecord);
    return {
      items,
      nextToken: rows.length > limit ? encodeToken(String(offset + limit)) : undefined,
    };
  }

  /** Usernames in the group, by username. */
  members(groupName: string, limit: number, token: string | undefined): Page<string> {
    const after = decodeToken(token);
    const rows = this.#prepare(
      `SELECT username FROM group_members WHERE group_name = ? AND username > ?
       ORDER BY username LIMIT ?`,
    ).all(groupName, after, limit + 1) as unknown as { username: string }[];
    return page(
      rows.map((row) => row.username),
      limit,
      (username) => username,
    );
  }

  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

function toRecord(row: GroupRow): GroupRecord {
  return {
    name: row.name,
    description: row.description ?? undefined,
    precedence: row.precedence ?? undefined,
    roleArn: row.role_arn ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function page<T>(rows: readonly T[], limit: number, key: (item: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextToken: rows.length > limit && last !== undefined ? encodeToken(key(last)) : undefined,
  };
}

const tokenPrefix = 'g1:';

function encodeToken(key: string): string {
  return Buffer.from(tokenPrefix + key, 'utf8').toString('base64url');
}

/** '' (before every key) without a token. */
function decodeToken(token: string | undefined): string {
  if (token === undefined) return '';
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith(tokenPrefix)) throw invalidToken();
  return text.slice(tokenPrefix.length);
}

function invalidToken(): InvalidParameterException {
  return new InvalidParameterException('Invalid pagination token.');
}
