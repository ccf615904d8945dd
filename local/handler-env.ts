/**
 * The environment the `api/` handlers read — the same variables the CDK stack sets on Lambda —
 * filled in for a local cloud. One place, so the local cloud, its tests and the bench cannot
 * drift from what the handlers expect.
 */
import { localCloud } from '../amplify-config.ts';
import { notesTable } from '../api/notes/table.ts';
import { userPool } from '../api/pool.ts';

export interface LocalHandlerEnvOptions {
  readonly dynamodbEndpoint: string;
  /** The user pool whose ID tokens the Lambda TOKEN authorizer accepts. */
  readonly issuer: string;
  readonly jwksUri?: string;
  readonly spaClientId?: string;
  /**
   * A file (mode 0600) holding the key that signs paging cursors, read by the handlers as on AWS
   * they read Secrets Manager (`api/notes/cursor-keys.ts`); keep it for cursors to survive a
   * restart. Without it each process signs with a random key of its own.
   */
  readonly cursorSecretFile?: string;
  /** The local pool's URL, for the back office's Admin… calls (SigV4 with the dummy keys below). */
  readonly cognitoEndpoint?: string;
}

/** What every function that reads or writes the notes table needs, locally. */
function notesTableEnv(dynamodbEndpoint: string): Record<string, string> {
  return {
    AWS_REGION: localCloud.region,
    // The SDK insists on credentials; dynalite ignores them.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    NOTES_TABLE: notesTable.name,
    DYNAMODB_ENDPOINT: dynamodbEndpoint,
  };
}

export function localHandlerEnv(options: LocalHandlerEnvOptions): Record<string, string> {
  return {
    ...notesTableEnv(options.dynamodbEndpoint),
    ...(options.cursorSecretFile ? { CURSOR_SECRET_FILE: options.cursorSecretFile } : {}),
    JWT_ISSUER: options.issuer,
    JWT_JWKS_URI: options.jwksUri ?? `${options.issuer}/.well-known/jwks.json`,
    JWT_CLIENT_IDS: options.spaClientId ?? localCloud.userPoolClientId,
    JWT_TOKEN_USE: 'id',
    USER_POOL_ID: localCloud.userPoolId,
    ...(options.cognitoEndpoint ? { COGNITO_ENDPOINT: options.cognitoEndpoint } : {}),
  };
}

/** The environment of the Cognito trigger functions (the stack sets the same variables). */
export function localTriggerEnv(options: {
  dynamodbEndpoint: string;
  /** The sign-up allow-list (ALLOWED_EMAIL_DOMAINS); default: the declaration's. */
  allowedEmailDomains?: readonly string[];
}): Record<string, string> {
  return {
    ...notesTableEnv(options.dynamodbEndpoint),
    ALLOWED_EMAIL_DOMAINS: (options.allowedEmailDomains ?? userPool.allowedEmailDomains).join(','),
  };
}
