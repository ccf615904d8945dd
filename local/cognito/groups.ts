/**
 * User-pool groups and memberships in the pool's database (tables of the `groups-1` migration in
 * schema.ts), indexed both ways (group → users, user → groups) so every lookup is one index
 * range, whatever the pool's size. A deleted user's memberships go with their `users` row
 * (ON DELETE CASCADE). Pages are keyset pages: the opaque token names the last row served.
 */
import { type GroupDeclaration } from '../../api/pool.ts';
import { InvalidParameterException } from './errors.ts';
import { type PoolStore } from './store.ts';

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

/**
 * Order of a user's groups, in `cognito:groups` and AdminListGroupsForUser: by precedence (0 first,
 * groups without one last), then by name. Unconfirmed: AWS documents precedence, not the tie-break.
 */
const userGroupOrder = 'ORDER BY g.precedence IS NULL, g.precedence, g.name';

export class GroupDirectory {
  readonly #store: PoolStore;

  constructor(store: PoolStore) {
    this.#store = store;
  }

  /** Creates the declared groups that do not exist yet (as CloudFormation would); keeps members. */
  ensureDeclared(declared: readonly GroupDeclaration[], now: number): void {
    this.#store.transaction(() => {
      for (const group of declared)
        this.create(
          {
            name: group.name,
            description: group.description,
            precedence: group.precedence,
            roleArn: undefined,
          },
          now,
        );
    });
  }

  get(name: string): GroupRecord | undefined {
    const row = this.#store.get<GroupRow>('SELECT * FROM pool_groups WHERE name = ?', name);
    return row && toRecord(row);
  }

  /** False when a group of that name exists already. */
  create(group: Omit<GroupRecord, 'createdAt' | 'updatedAt'>, now: number): boolean {
    const result = this.#store.run(
      `INSERT INTO pool_groups (name, description, precedence, role_arn, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`,
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
    const result = this.#store.run(
      `UPDATE pool_groups SET description = coalesce(?, description),
         precedence = coalesce(?, precedence), role_arn = coalesce(?, role_arn), updated_at = ?
       WHERE name = ?`,
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
    return this.#store.run('DELETE FROM pool_groups WHERE name = ?', name).changes === 1;
  }

  /** Groups by name. */
  list(limit: number, token: string | undefined): Page<GroupRecord> {
    const rows = this.#store.all<GroupRow>(
      'SELECT * FROM pool_groups WHERE name > ? ORDER BY name LIMIT ?',
      decodeToken(token),
      limit + 1,
    );
    return page(rows.map(toRecord), limit, (group) => group.name);
  }

  addMember(groupName: string, username: string): void {
    this.#store.run(
      'INSERT INTO group_members (group_name, username) VALUES (?, ?) ON CONFLICT DO NOTHING',
      groupName,
      username,
    );
  }

  removeMember(groupName: string, username: string): void {
    this.#store.run(
      'DELETE FROM group_members WHERE group_name = ? AND username = ?',
      groupName,
      username,
    );
  }

  /** Names of the user's groups in token order (a user is in at most 100 groups on AWS). */
  namesForUser(username: string): string[] {
    return this.#store
      .all<{ name: string }>(
        `SELECT g.name FROM group_members m JOIN pool_groups g ON g.name = m.group_name
         WHERE m.username = ? ${userGroupOrder}`,
        username,
      )
      .map((row) => row.name);
  }

  /** The user's groups in token order; the token is an offset (bounded by the 100-group cap). */
  groupsForUser(username: string, limit: number, token: string | undefined): Page<GroupRecord> {
    const offset = token === undefined ? 0 : Number.parseInt(decodeToken(token), 10);
    if (!Number.isSafeInteger(offset) || offset < 0) throw invalidToken();
    const rows = this.#store.all<GroupRow>(
      `SELECT g.* FROM group_members m JOIN pool_groups g ON g.name = m.group_name
       WHERE m.username = ? ${userGroupOrder} LIMIT ? OFFSET ?`,
      username,
      limit + 1,
      offset,
    );
    return {
      items: rows.slice(0, limit).map(toRecord),
      nextToken: rows.length > limit ? encodeToken(String(offset + limit)) : undefined,
    };
  }

  /** Usernames in the group, by username. */
  members(groupName: string, limit: number, token: string | undefined): Page<string> {
    const rows = this.#store.all<{ username: string }>(
      `SELECT username FROM group_members WHERE group_name = ? AND username > ?
       ORDER BY username LIMIT ?`,
      groupName,
      decodeToken(token),
      limit + 1,
    );
    return page(
      rows.map((row) => row.username),
      limit,
      (username) => username,
    );
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
