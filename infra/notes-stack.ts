/**
 * The whole system on AWS in one stack, built from the declarations the local cloud serves:
 * `api/pool.ts` (Cognito), `api/notes/table.ts` (DynamoDB), `api/routes.ts` (API Gateway +
 * Lambda) and the SPA build (S3 + CloudFront, with its runtime `config.json`).
 */
import { fileURLToPath } from 'node:url';
import { Aws, CfnOutput, Lazy, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { RuntimeConfig } from '../amplify-config.ts';
import { notesTable } from '../api/notes/table.ts';
import { routes as declaredRoutes, type Route } from '../api/routes.ts';
import { Apis, type Throttle } from './api.ts';
import { Auth } from './auth.ts';
import { HandlerFunctions } from './functions.ts';
import { Site } from './site.ts';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface NotesStackProps extends StackProps {
  /** The built SPA folder (holds index.html); `dist/notes/browser` after `ng build`. */
  readonly siteDir: string;
  /** Cognito and DynamoDB deletion protection, and RETAIN on stack deletion. Default false. */
  readonly deletionProtection?: boolean;
  /** Cognito domain prefix (unique per region). Default `notes-<account id>`. */
  readonly domainPrefix?: string;
  readonly throttle?: Throttle;
  /** The route table; defaults to `api/routes.ts`. */
  readonly routes?: readonly Route[];
  readonly repoRoot?: string;
  /** Where esbuild writes the Lambda bundles (default: a temp folder). */
  readonly bundleDir?: string;
}

const attributeType = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
} as const;

export class NotesStack extends Stack {
  readonly auth: Auth;
  readonly table: Table;
  readonly apis: Apis;
  readonly site: Site;

  constructor(scope: Construct, id: string, props: NotesStackProps) {
    super(scope, id, props);
    const protect = props.deletionProtection ?? false;
    const routes = props.routes ?? declaredRoutes;

    this.auth = new Auth(this, 'Auth', {
      deletionProtection: protect,
      domainPrefix: props.domainPrefix ?? `notes-${Aws.ACCOUNT_ID}`,
    });

    this.table = new Table(this, 'NotesTable', {
      partitionKey: {
        name: notesTable.partitionKey.name,
        type: attributeType[notesTable.partitionKey.type],
      },
      sortKey: { name: notesTable.sortKey.name, type: attributeType[notesTable.sortKey.type] },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: protect,
      removalPolicy: protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // The list (last changed first) is one Query on this index; see api/notes/table.ts.
    const byLastChange = notesTable.byLastChange;
    this.table.addGlobalSecondaryIndex({
      indexName: byLastChange.name,
      partitionKey: {
        name: byLastChange.partitionKey.name,
        type: attributeType[byLastChange.partitionKey.type],
      },
      sortKey: {
        name: byLastChange.sortKey.name,
        type: attributeType[byLastChange.sortKey.type],
      },
      projectionType: ProjectionType.ALL,
    });

    // The API allows the site's origin, and the site's CSP allows the API: one side is lazy.
    const siteOrigin = Lazy.string({ produce: () => this.site.url });

    const functions = new HandlerFunctions(this, 'Functions', {
      repoRoot: props.repoRoot ?? repoRoot,
      modules: handlerModules(routes),
      table: this.table,
      bundleDir: props.bundleDir,
      // What api/ reads (see api/http/response.ts, api/notes/cursor.ts, the token authorizer).
      environment: {
        CORS_ALLOW_ORIGIN: siteOrigin,
        CURSOR_SECRET: () => this.cursorSecret(),
        JWT_ISSUER: this.auth.issuer,
        JWT_CLIENT_IDS: this.auth.clients.spa.userPoolClientId,
        JWT_TOKEN_USE: 'id',
      },
    });

    this.apis = new Apis(this, 'Apis', {
      routes,
      functions,
      userPool: this.auth.userPool,
      clients: this.auth.clients,
      issuer: this.auth.issuer,
      allowedOrigin: siteOrigin,
      throttle: props.throttle,
    });

    const runtimeConfig: RuntimeConfig = {
      region: Aws.REGION,
      userPoolId: this.auth.userPool.userPoolId,
      userPoolClientId: this.auth.clients.spa.userPoolClientId,
      apiBaseUrl: this.apis.restApiBaseUrl,
    };
    this.site = new Site(this, 'Site', {
      siteDir: props.siteDir,
      runtimeConfig,
      connectOrigins: [
        this.apis.restApiOrigin,
        `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}`,
      ],
    });

    new CfnOutput(this, 'SiteUrl', { value: this.site.url, description: 'Open this in a browser' });
    new CfnOutput(this, 'ApiBaseUrl', { value: this.apis.restApiBaseUrl });
    new CfnOutput(this, 'IntegrationsApiUrl', { value: this.apis.httpApiBaseUrl });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'SpaClientId', { value: this.auth.clients.spa.userPoolClientId });
    new CfnOutput(this, 'MachineClientId', {
      value: this.auth.clients.machine.userPoolClientId,
      description:
        'Its secret: aws cognito-idp describe-user-pool-client --user-pool-id <UserPoolId> --client-id <this>',
    });
    new CfnOutput(this, 'TokenEndpoint', {
      value: this.auth.tokenEndpoint,
      description: 'client_credentials grant for machine clients',
    });
    new CfnOutput(this, 'NotesTableName', { value: this.table.tableName });
  }

  /**
   * The key that signs paging cursors, shared by every instance of the functions that page.
   * Generated by Secrets Manager and handed over as a dynamic reference, so it never appears in
   * the template or the CDK output.
   */
  private cursorSecret(): string {
    const secret = new Secret(this, 'CursorSecret', {
      description: 'HMAC key for Notes paging cursors (CURSOR_SECRET)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    return secret.secretValue.unsafeUnwrap();
  }
}

/** Every module a route or a Lambda authorizer points at, bundled in one esbuild run. */
export function handlerModules(routes: readonly Route[]): string[] {
  const modules = new Set<string>();
  for (const route of routes) {
    modules.add(route.handler.module);
    if (route.authorizer.type === 'lambda-token') modules.add(route.authorizer.function.module);
  }
  return [...modules];
}
