/**
 * The whole system on AWS in one stack, built from the declarations the local cloud serves:
 * `api/pool.ts` (Cognito), `api/notes/table.ts` (DynamoDB), `api/routes.ts` (API Gateway +
 * Lambda) and the SPA build (S3 + CloudFront, with its runtime `config.json`).
 */
import { fileURLToPath } from 'node:url';
import {
  Aws,
  CfnCondition,
  CfnOutput,
  CfnResource,
  Duration,
  Fn,
  Lazy,
  RemovalPolicy,
  Stack,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { RuntimeConfig } from '../amplify-config.ts';
import { notesTable } from '../api/notes/table.ts';
import { routes as declaredRoutes, type HandlerRef, type Route } from '../api/routes.ts';
import { Alarms } from './alarms.ts';
import { Apis, type Throttle } from './api.ts';
import { Auth } from './auth.ts';
import { HandlerFunctions, retentionDays } from './functions.ts';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { defaultStackOptions, type StackOptions } from './options.ts';
import { attachTriggers, triggerEnvironment, triggerModules } from './triggers.ts';
import { Site } from './site.ts';
import { adminApiPathPrefix } from './site-policy.ts';
import { webAcl } from './waf.ts';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface NotesStackProps extends StackProps {
  /** The built SPA folder (holds index.html); `dist/notes/browser` after `ng build`. */
  readonly siteDir: string;
  /** Hardening and cost options (`infra/options.ts`); default: `defaultStackOptions`. */
  readonly options?: Partial<StackOptions>;
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
  readonly options: StackOptions;
  /** CloudWatch alarms and their topic, when `options.alarms`. */
  readonly alarms: Alarms | undefined;

  constructor(scope: Construct, id: string, props: NotesStackProps) {
    super(scope, id, props);
    const options: StackOptions = { ...defaultStackOptions, ...props.options };
    this.options = options;
    const protect = options.deletionProtection;
    const retainLogs =
      options.profile === 'production' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const routes = props.routes ?? declaredRoutes;

    this.auth = new Auth(this, 'Auth', {
      deletionProtection: protect,
      domainPrefix: props.domainPrefix ?? `notes-${Aws.ACCOUNT_ID}`,
      featurePlan: options.featurePlan,
      threatProtection: options.threatProtection,
      sesSender: options.sesSender,
      // Passkeys belong to the site's own host name (the distribution is created below).
      relyingPartyId:
        options.siteDomain?.domainName ??
        Lazy.string({ produce: () => this.site.distribution.distributionDomainName }),
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

    // One web ACL per scope: REGIONAL for the REST API; CLOUDFRONT ones exist only in us-east-1,
    // so elsewhere the site uses `siteWebAclArn` (made there) or goes without.
    let apiWebAclArn: string | undefined;
    let siteWebAclArn: string | undefined = options.siteWebAclArn;
    if (options.waf) {
      apiWebAclArn = webAcl(this, 'ApiWaf', 'REGIONAL', options.wafRateLimit).attrArn;
      if (!siteWebAclArn) {
        const inUsEast1 = new CfnCondition(this, 'InUsEast1', {
          expression: Fn.conditionEquals(Aws.REGION, 'us-east-1'),
        });
        const siteAcl = webAcl(this, 'SiteWaf', 'CLOUDFRONT', options.wafRateLimit);
        siteAcl.cfnOptions.condition = inUsEast1;
        siteWebAclArn = Fn.conditionIf(
          inUsEast1.logicalId,
          siteAcl.attrArn,
          Aws.NO_VALUE,
        ).toString();
      }
    }

    // The API allows the site's origin, and the site's CSP allows the API: one side is lazy.
    const siteOrigin = Lazy.string({ produce: () => this.site.url });

    const functions: HandlerFunctions = new HandlerFunctions(this, 'Functions', {
      repoRoot: props.repoRoot ?? repoRoot,
      modules: [...handlerModules(routes), cursorKeyRotation.module, ...triggerModules()],
      table: this.table,
      userPoolArn: this.auth.userPool.userPoolArn,
      // The secret's ARN, not its value: the functions read the key at run time.
      secrets: {
        cursorKey: {
          variable: 'CURSOR_SECRET_ID',
          arn: (): string => this.cursorSecret(functions).secretArn,
        },
      },
      bundleDir: props.bundleDir,
      tracing: options.tracing,
      logRetentionDays: options.logRetentionDays,
      logRemovalPolicy: retainLogs,
      // What api/ reads (see api/http/response.ts, api/notes/cursor.ts, the token authorizer).
      environment: {
        CORS_ALLOW_ORIGIN: siteOrigin,
        JWT_ISSUER: this.auth.issuer,
        JWT_CLIENT_IDS: this.auth.clients.spa.userPoolClientId,
        JWT_TOKEN_USE: 'id',
        USER_POOL_ID: this.auth.userPool.userPoolId,
        ...triggerEnvironment(options.allowedEmailDomains),
      },
    });
    attachTriggers(this.auth.userPool, functions);

    this.apis = new Apis(this, 'Apis', {
      routes,
      functions,
      userPool: this.auth.userPool,
      clients: this.auth.clients,
      issuer: this.auth.issuer,
      allowedOrigin: siteOrigin,
      throttle: props.throttle,
      tracing: options.tracing,
      executionLogLevel: options.executionLogLevel,
      logRetentionDays: options.logRetentionDays,
      logRemovalPolicy: retainLogs,
      ...(apiWebAclArn ? { webAclArn: apiWebAclArn } : {}),
    });

    if (options.alarms) {
      this.alarms = new Alarms(this, 'Alarms', {
        functions: functions.created,
        apis: this.apis,
        table: this.table,
        indexNames: [notesTable.byLastChange.name],
        email: options.alarmEmail,
      });
      new CfnOutput(this, 'AlarmTopicArn', {
        value: this.alarms.topic.topicArn,
        description: 'SNS topic of the CloudWatch alarms (subscribe more endpoints here)',
      });
    }

    const runtimeConfig: RuntimeConfig = {
      region: Aws.REGION,
      userPoolId: this.auth.userPool.userPoolId,
      userPoolClientId: this.auth.clients.spa.userPoolClientId,
      apiBaseUrl: this.apis.restApiBaseUrl,
      // The back office's /admin routes are HTTP API routes (JWT authorizer, admin scope), which
      // the distribution serves on the site's own origin under /admin-api (docs/decisions.md).
      adminApiBaseUrl: Lazy.string({ produce: () => `${this.site.url}${adminApiPathPrefix}` }),
      mfaFactors: this.auth.mfaFactors,
      firstFactors: this.auth.firstFactors,
    };
    this.site = new Site(this, 'Site', {
      siteDir: props.siteDir,
      runtimeConfig,
      adminApiDomainName: this.apis.httpApiDomainName,
      connectOrigins: [
        this.apis.restApiOrigin,
        `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}`,
      ],
      accessLogs: options.accessLogs,
      accessLogRetentionDays: options.accessLogRetentionDays,
      logRemovalPolicy: retainLogs,
      siteDomain: options.siteDomain,
      geoAllowList: options.geoAllowList,
      ...(siteWebAclArn ? { webAclArn: siteWebAclArn } : {}),
    });

    new CfnOutput(this, 'SiteUrl', { value: this.site.url, description: 'Open this in a browser' });
    new CfnOutput(this, 'ApiBaseUrl', { value: this.apis.restApiBaseUrl });
    new CfnOutput(this, 'IntegrationsApiUrl', {
      value: this.apis.httpApiBaseUrl,
      description: 'HTTP API: machine clients (/integrations) and the back office (/admin)',
    });
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
    Site.acknowledgeDeploymentFunction(this);
    this.keepProviderLogs(options.logRetentionDays, retainLogs);
  }

  /**
   * The CDK's bucket auto-delete provider has no log setting: Lambda would create its log group
   * on first run, kept forever. Created here first (named after the function), it gets the same
   * retention as every other log group; the custom resources wait for it.
   */
  private keepProviderLogs(days: number, removalPolicy: RemovalPolicy): void {
    for (const provider of this.node.children) {
      if (!provider.node.id.startsWith('Custom::S3AutoDeleteObjectsCustomResourceProvider'))
        continue;
      const handler = provider.node.tryFindChild('Handler') as CfnResource | undefined;
      if (!handler) continue;
      const logs = new LogGroup(this, 'AutoDeleteObjectsLogs', {
        logGroupName: `/aws/lambda/${handler.ref}`,
        retention: retentionDays(days),
        removalPolicy,
      });
      for (const construct of this.node.findAll())
        if (
          CfnResource.isCfnResource(construct) &&
          construct.cfnResourceType === 'Custom::S3AutoDeleteObjects'
        )
          construct.node.addDependency(logs);
    }
  }

  private cursorKeySecret: Secret | undefined;

  /**
   * The key that signs paging cursors, shared by every instance of the functions that page,
   * created on first use. Generated by Secrets Manager and rotated every 30 days by our own
   * function; the functions read it at run time and keep accepting the previous version, so a
   * rotation breaks no cursor in use.
   */
  private cursorSecret(functions: HandlerFunctions): Secret {
    if (this.cursorKeySecret) return this.cursorKeySecret;
    const secret = new Secret(this, 'CursorSecret', {
      description: 'HMAC key for Notes paging cursors (api/notes/cursor-keys.ts)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.cursorKeySecret = secret;
    const rotation = functions.create({
      id: 'RotateCursorKey',
      handler: cursorKeyRotation,
      timeout: Duration.seconds(30),
    });
    secret.addRotationSchedule('Rotation', {
      rotationLambda: rotation,
      automaticallyAfter: Duration.days(cursorKeyRotationDays),
    });
    Validations.of(rotation.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'secretsmanager:GetRandomPassword (added by the CDK for rotation functions) and the X-Ray actions support no resource-level permissions',
    });
    return secret;
  }
}

/** The rotation function of the cursor key (not a route: Secrets Manager calls it). */
export const cursorKeyRotation: HandlerRef = {
  module: 'api/notes/rotate-cursor-key.ts',
  export: 'handler',
};

/** Days between rotations of the cursor key: a cursor stays valid at least this long. */
export const cursorKeyRotationDays = 30;

/** Every module a route or a Lambda authorizer points at, bundled in one esbuild run. */
export function handlerModules(routes: readonly Route[]): string[] {
  const modules = new Set<string>();
  for (const route of routes) {
    modules.add(route.handler.module);
    if (route.authorizer.type === 'lambda-token') modules.add(route.authorizer.function.module);
  }
  return [...modules];
}
