/**
 * The back office (HTTP API, payload 2.0): administrators list users and disable, enable,
 * promote or demote them. The JWT authorizer has already required the `notes-api/admin` scope,
 * which the pre token generation trigger puts only into access tokens of `admins` members; each
 * handler checks `cognito:groups` again (defence in depth: a route deployed without its scope
 * still refuses non-members).
 *
 * Environment (set by the CDK stack on Lambda, by `local/handler-env.ts` locally): `USER_POOL_ID`,
 * `AWS_REGION`, and locally `COGNITO_ENDPOINT` (the local pool, with dummy credentials).
 */
import {
  AdminAddUserToGroupCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { restrictTo } from '../access.ts';
import { BadRequestError, HttpError, NotFoundError } from '../http/errors.ts';
import { handle, json } from '../http/response.ts';
import { documentClientFromEnv } from '../notes/store.ts';
import { notesTable } from '../notes/table.ts';
import { groups } from '../pool.ts';
import { declaredHandler } from '../routes.ts';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

export type AdminHandlerName =
  'listUsers' | 'disableUser' | 'enableUser' | 'addAdmin' | 'removeAdmin';

const module = 'api/admin/handlers.ts';

/** One user as the back office shows it. */
export interface AdminUser {
  readonly username: string;
  readonly email: string | undefined;
  /** Cognito's UserStatus, e.g. CONFIRMED, UNCONFIRMED, FORCE_CHANGE_PASSWORD. */
  readonly status: string | undefined;
  readonly enabled: boolean;
  readonly createdAt: string | undefined;
  readonly groups: readonly string[];
  readonly isAdmin: boolean;
  readonly noteCount: number;
}

/** ListUsers takes 1–60 users a page. */
export const maxPageSize = 60;
const defaultPageSize = 20;

/** The groups claim as either authorizer hands it: `[admins writers]` (HTTP API) or `a,b`. */
export function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((name) => name !== '');
}

function claimsOf(event: Event): Record<string, unknown> {
  return (event.requestContext.authorizer?.jwt?.claims ?? {}) as Record<string, unknown>;
}

/** The caller, who must be a member of `admins`; 403 otherwise. */
function requireAdmin(event: Event): { username: string; sub: string } {
  const claims = claimsOf(event);
  if (!groupsOf(claims['cognito:groups']).includes(groups.admins.name))
    throw new HttpError(403, 'Only administrators may use the back office');
  return { username: String(claims['username'] ?? ''), sub: String(claims['sub'] ?? '') };
}

/** Cognito usernames: 1–128 characters, no whitespace (here they are the users' UUID `sub`). */
function usernameOf(event: Event): string {
  const username = event.pathParameters?.['username'];
  if (!username || username.length > 128 || /\s/.test(username))
    throw new NotFoundError('User not found');
  return username;
}

function refuseSelf(event: Event, username: string, what: string): void {
  const caller = requireAdmin(event);
  if (username === caller.username || username === caller.sub)
    throw new HttpError(409, `You cannot ${what} yourself`);
}

const attribute = (user: UserType, name: string): string | undefined =>
  user.Attributes?.find((entry) => entry.Name === name)?.Value;

/** Cognito's error names that mean "no such user" answer 404, never 500. */
async function onUser<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if ((error as Error).name === 'UserNotFoundException')
      throw new NotFoundError('User not found');
    throw error;
  }
}

function cognitoClientFromEnv(handler: AdminHandlerName): CognitoIdentityProviderClient {
  const endpoint = process.env['COGNITO_ENDPOINT'] || undefined;
  const client = new CognitoIdentityProviderClient({
    region: process.env['AWS_REGION'] || 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
  });
  return restrictTo(client, 'cognito-idp', declaredHandler(module, handler));
}

function poolId(): string {
  const id = process.env['USER_POOL_ID'];
  if (!id) throw new Error('USER_POOL_ID is not set');
  return id;
}

export interface AdminClients {
  cognito(handler: AdminHandlerName): CognitoIdentityProviderClient;
  dynamodb(handler: AdminHandlerName): DynamoDBDocumentClient;
}

const cached = new Map<string, unknown>();
const once = <T>(key: string, make: () => T): T => {
  if (!cached.has(key)) cached.set(key, make());
  return cached.get(key) as T;
};

export const clientsFromEnv: AdminClients = {
  cognito: (handler) => once(`cognito:${handler}`, () => cognitoClientFromEnv(handler)),
  dynamodb: (handler) =>
    once(`dynamodb:${handler}`, () =>
      documentClientFromEnv(process.env, declaredHandler(module, handler)),
    ),
};

/** Notes of one user: a COUNT Query on the table key (paged by DynamoDB at 1 MB read). */
async function noteCount(client: DynamoDBDocumentClient, userId: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: process.env['NOTES_TABLE'] || notesTable.name,
        KeyConditionExpression: '#user = :user',
        ExpressionAttributeNames: { '#user': notesTable.partitionKey.name },
        ExpressionAttributeValues: { ':user': userId },
        Select: 'COUNT',
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

function pageSizeOf(value: string | undefined): number {
  if (value === undefined || value === '') return defaultPageSize;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > maxPageSize)
    throw new BadRequestError('Invalid query', {
      limit: `must be an integer from 1 to ${maxPageSize}`,
    });
  return size;
}

export function adminHandlers(clients: AdminClients) {
  return {
    /** `GET /admin/users?limit=&cursor=`: a page of users; `nextCursor` is ListUsers' token. */
    listUsers: handle('listUsers', async (event: Event) => {
      requireAdmin(event);
      const query = event.queryStringParameters ?? {};
      const Limit = pageSizeOf(query['limit']);
      const cursor = query['cursor'] || undefined;
      if (cursor !== undefined && cursor.length > 4096)
        throw new BadRequestError('Invalid query', { cursor: 'is not a cursor of this list' });
      const cognito = clients.cognito('listUsers');
      const dynamodb = clients.dynamodb('listUsers');
      let page;
      try {
        page = await cognito.send(
          new ListUsersCommand({
            UserPoolId: poolId(),
            Limit,
            ...(cursor ? { PaginationToken: cursor } : {}),
          }),
        );
      } catch (error) {
        if ((error as Error).name === 'InvalidParameterException')
          throw new BadRequestError('Invalid query', { cursor: 'is not a cursor of this list' });
        throw error;
      }
      // At most `Limit` users, so at most 2 × Limit further calls, whatever the pool's size.
      const users: AdminUser[] = await Promise.all(
        (page.Users ?? []).map(async (user): Promise<AdminUser> => {
          const username = user.Username ?? '';
          const sub = attribute(user, 'sub') ?? username;
          const [memberOf, notes] = await Promise.all([
            cognito.send(
              new AdminListGroupsForUserCommand({ UserPoolId: poolId(), Username: username }),
            ),
            noteCount(dynamodb, sub),
          ]);
          const groupNames = (memberOf.Groups ?? []).map((group) => group.GroupName ?? '');
          return {
            username,
            email: attribute(user, 'email'),
            status: user.UserStatus,
            enabled: user.Enabled ?? true,
            createdAt: user.UserCreateDate?.toISOString(),
            groups: groupNames,
            isAdmin: groupNames.includes(groups.admins.name),
            noteCount: notes,
          };
        }),
      );
      return json(200, { users, nextCursor: page.PaginationToken ?? null });
    }),

    /** `POST /admin/users/{username}/disable`: no more sign-ins, and every session ends now. */
    disableUser: handle('disableUser', async (event: Event) => {
      const username = usernameOf(event);
      refuseSelf(event, username, 'disable');
      const cognito = clients.cognito('disableUser');
      await onUser(() =>
        cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId(), Username: username })),
      );
      await onUser(() =>
        cognito.send(
          new AdminUserGlobalSignOutCommand({ UserPoolId: poolId(), Username: username }),
        ),
      );
      return json(200, { message: 'User disabled and signed out', username, enabled: false });
    }),

    /** `POST /admin/users/{username}/enable`. */
    enableUser: handle('enableUser', async (event: Event) => {
      requireAdmin(event);
      const username = usernameOf(event);
      await onUser(() =>
        clients
          .cognito('enableUser')
          .send(new AdminEnableUserCommand({ UserPoolId: poolId(), Username: username })),
      );
      return json(200, { message: 'User enabled', username, enabled: true });
    }),

    /** `PUT /admin/users/{username}/admin`: joins `admins` (from their next token on). */
    addAdmin: handle('addAdmin', async (event: Event) => {
      requireAdmin(event);
      const username = usernameOf(event);
      await onUser(() =>
        clients.cognito('addAdmin').send(
          new AdminAddUserToGroupCommand({
            UserPoolId: poolId(),
            Username: username,
            GroupName: groups.admins.name,
          }),
        ),
      );
      return json(200, { message: 'User is an administrator', username, isAdmin: true });
    }),

    /** `DELETE /admin/users/{username}/admin`: leaves `admins` (from their next token on). */
    removeAdmin: handle('removeAdmin', async (event: Event) => {
      const username = usernameOf(event);
      refuseSelf(event, username, 'remove the administrator role from');
      await onUser(() =>
        clients.cognito('removeAdmin').send(
          new AdminRemoveUserFromGroupCommand({
            UserPoolId: poolId(),
            Username: username,
            GroupName: groups.admins.name,
          }),
        ),
      );
      return json(200, { message: 'User is no longer an administrator', username, isAdmin: false });
    }),
  };
}

export const { listUsers, disableUser, enableUser, addAdmin, removeAdmin } =
  adminHandlers(clientsFromEnv);
