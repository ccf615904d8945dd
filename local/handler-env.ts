/**
 * The environment the `api/` handlers read — the same variables the CDK stack sets on Lambda —
 * filled in for a local cloud. One place, so the local cloud, its tests and the bench cannot
 * drift from what the handlers expect.
 */
import { localCloud } from '../amplify-config.ts';
import { notesTable } from '../api/notes/table.ts';

export interface LocalHandlerEnvOptions {
  readonly dynamodbEndpoint: string;
  /** The user pool whose ID tokens the Lambda TOKEN authorizer accepts. */
  readonly issuer: string;
  readonly jwksUri?: string;
  readonly spaClientId?: string;
  /** Signs paging cursors; keep it stable for cursors to survive a restart. */
  readonly cursorSecret: string;
}

export function localHandlerEnv(options: LocalHandlerEnvOptions): Record<string, string> {
  return {
    AWS_REGION: localCloud.region,
    // The SDK insists on credentials; dynalite ignores them.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    NOTES_TABLE: notesTable.name,
    DYNAMODB_ENDPOINT: options.dynamodbEndpoint,
    CURSOR_SECRET: options.cursorSecret,
    JWT_ISSUER: options.issuer,
    JWT_JWKS_URI: options.jwksUri ?? `${options.issuer}/.well-known/jwks.json`,
    JWT_CLIENT_IDS: options.spaClientId ?? localCloud.userPoolClientId,
    JWT_TOKEN_USE: 'id',
  };
}
