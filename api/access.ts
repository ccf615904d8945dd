/**
 * What each handler may do with AWS services, declared once beside its route (`access` on a
 * `HandlerRef` in `api/routes.ts`). Both clouds read it:
 * - `infra/` grants each function's role exactly these actions, on exactly these resources (the
 *   Notes table, one of its indexes, this user pool) and nothing else;
 * - the handlers' own SDK clients refuse any other action with the AccessDeniedException IAM
 *   would answer (`restrictTo`), locally and on Lambda alike, so a handler that starts using an
 *   undeclared action fails its tests instead of failing on AWS after a deploy.
 * `api/access.test.ts` runs every handler and checks each declared grant is really used, so the
 * declaration cannot grow stale either.
 */
import type { HandlerRef } from './routes.ts';

/** Item-level DynamoDB actions (no Scan, no table management, no streams). */
export type DynamoDbAction =
  'GetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem';

export interface Access {
  /** On the Notes table's items. */
  readonly dynamodb?: readonly DynamoDbAction[];
  /** On the Notes table's global secondary indexes, by index name (`api/notes/table.ts`). */
  readonly dynamodbIndexes?: Readonly<Record<string, readonly 'Query'[]>>;
  /** On this app's user pool (`Admin…` operations, for trigger and admin functions). */
  readonly 'cognito-idp'?: readonly string[];
  /** Secrets the handler reads at run time (`secretsmanager:GetSecretValue` on that secret). */
  readonly secrets?: readonly SecretName[];
}

/** The app's secrets, by name: `cursorKey` signs paging cursors (`api/notes/cursor-keys.ts`). */
export type SecretName = 'cursorKey';

/** The IAM service prefixes a declaration can name. */
export const accessServices = ['dynamodb', 'cognito-idp', 'secretsmanager'] as const;
export type AccessService = (typeof accessServices)[number];

/** What a grant applies to: the table, one of its indexes, the pool, or one of our secrets. */
export type GrantResource = 'table' | `index/${string}` | 'pool' | `secret/${SecretName}`;

/** One allowed action on one resource, e.g. `dynamodb:Query on index/byLastChange`. */
export interface Grant {
  readonly action: string;
  readonly resource: GrantResource;
}

/** `module#export`: how functions, logs and the declaration name a handler. */
export const handlerKey = (ref: Pick<HandlerRef, 'module' | 'export'>): string =>
  `${ref.module}#${ref.export}`;

export const grantText = (grant: Grant): string => `${grant.action} on ${grant.resource}`;

/** Every grant a handler declares. */
export function declaredGrants(ref: HandlerRef): Grant[] {
  const access = ref.access ?? {};
  const grants: Grant[] = [];
  for (const action of access.dynamodb ?? [])
    grants.push({ action: `dynamodb:${action}`, resource: 'table' });
  for (const [index, actions] of Object.entries(access.dynamodbIndexes ?? {}))
    for (const action of actions)
      grants.push({ action: `dynamodb:${action}`, resource: `index/${index}` });
  for (const action of access['cognito-idp'] ?? [])
    grants.push({ action: `cognito-idp:${action}`, resource: 'pool' });
  for (const name of access.secrets ?? [])
    grants.push({ action: 'secretsmanager:GetSecretValue', resource: `secret/${name}` });
  return grants;
}

/** `declaredGrants` as sorted text, for comparisons and messages. */
export const declaredGrantTexts = (ref: HandlerRef): string[] =>
  declaredGrants(ref).map(grantText).sort();

/** Grants each handler really used in this process (bounded: one set per handler). */
const performed = new Map<string, Set<string>>();

/** What `handler` has done so far in this process, as sorted `grantText`s. */
export function performedGrants(ref: Pick<HandlerRef, 'module' | 'export'>): string[] {
  return [...(performed.get(handlerKey(ref)) ?? [])].sort();
}

function record(ref: Pick<HandlerRef, 'module' | 'export'>, grant: string): void {
  const key = handlerKey(ref);
  let seen = performed.get(key);
  if (!seen) performed.set(key, (seen = new Set()));
  seen.add(grant);
}

/**
 * Called by a handler before it reads a secret: refused (AccessDeniedException) unless it is
 * declared, so locally, where the key comes from a file, an undeclared read fails as on AWS.
 */
export function useSecret(ref: HandlerRef, name: SecretName): void {
  const grant = grantText({ action: 'secretsmanager:GetSecretValue', resource: `secret/${name}` });
  if (!(ref.access?.secrets ?? []).includes(name)) throw accessDenied(ref, grant);
  record(ref, grant);
}

/** The error IAM answers for an action the role does not allow (same name and wording). */
function accessDenied(ref: HandlerRef, grant: string): Error {
  const error = new Error(
    `User: ${handlerKey(ref)} is not authorized to perform: ${grant} because no identity-based policy allows it (declare it in api/routes.ts)`,
  ) as Error & { $fault: 'client'; $metadata: { httpStatusCode: number } };
  error.name = 'AccessDeniedException';
  error.$fault = 'client';
  error.$metadata = { httpStatusCode: 400 };
  return error;
}

/** The part of an AWS SDK v3 client this needs: its middleware stack. */
export interface SdkClient {
  readonly middlewareStack: {
    add(middleware: never, options: { step: 'initialize'; name: string }): void;
  };
}

type Next = (args: { input?: { IndexName?: unknown } }) => Promise<unknown>;

/**
 * Lets `client` (a DynamoDB or Cognito client) send only what `ref` declares for `service`;
 * anything else throws AccessDeniedException before a request is made. Returns the client.
 */
export function restrictTo<C extends SdkClient>(
  client: C,
  service: Exclude<AccessService, 'secretsmanager'>,
  ref: HandlerRef,
): C {
  const allowed = new Set(declaredGrants(ref).map(grantText));
  const middleware =
    (next: Next, context: { commandName?: string }) =>
    async (args: { input?: { IndexName?: unknown } }) => {
      // `GetItemCommand` → `GetItem`: SDK v3 command names are the API operation + "Command".
      const action = `${service}:${(context.commandName ?? '').replace(/Command$/, '')}`;
      const index = args.input?.IndexName;
      const resource: GrantResource =
        service === 'cognito-idp' ? 'pool' : typeof index === 'string' ? `index/${index}` : 'table';
      const grant = grantText({ action, resource });
      if (!allowed.has(grant)) throw accessDenied(ref, grant);
      record(ref, grant);
      return next(args);
    };
  client.middlewareStack.add(middleware as never, { step: 'initialize', name: 'declaredAccess' });
  return client;
}
