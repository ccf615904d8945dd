/**
 * One Lambda function per route handler and per authorizer (own log group, own role, own
 * grants), all built from one esbuild run over `api/`. One function per route rather than one
 * per API: each role holds only what its handler needs (a GET may only read), and each route
 * gets its own metrics, logs and concurrency.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { declaredGrants, handlerKey, type GrantResource, type SecretName } from '../api/access.ts';
import type { HandlerRef } from '../api/routes.ts';
import { bundleFileName, bundleModules, mentions, type BundledModule } from './bundle.ts';

/** A RetentionDays member for a number of days (CloudWatch accepts only some). */
export function retentionDays(days: number): RetentionDays {
  const member = Object.values(RetentionDays).find((value) => value === days);
  if (member === undefined || typeof member === 'string')
    throw new Error(`CloudWatch Logs cannot keep logs for ${days} days`);
  return member;
}

export interface HandlerFunctionsProps {
  readonly repoRoot: string;
  /** Every handler module that will be asked for (bundled together, once). */
  readonly modules: readonly string[];
  readonly table: ITable;
  /** ARN of the user pool `cognito-idp` actions apply to (only needed once a handler declares one). */
  readonly userPoolArn?: string;
  /**
   * Every configuration value the handlers may read, by variable name. A function receives a
   * variable only when its bundled code names it; a value given as a function is created on
   * first use (e.g. a secret that only some handlers need). NOTES_TABLE is added here.
   */
  readonly environment: Readonly<Record<string, string | (() => string)>>;
  /**
   * The app's secrets (`access.secrets` in api/routes.ts): a function that declares one gets
   * the variable naming it (its ARN, never its value) and GetSecretValue on it.
   */
  readonly secrets?: Readonly<
    Record<SecretName, { readonly variable: string; readonly arn: () => string }>
  >;
  /** X-Ray active tracing. Default true. */
  readonly tracing?: boolean;
  /** Days each function's log group keeps events. Default 30. */
  readonly logRetentionDays?: number;
  /** What happens to the log groups when the stack is deleted. Default DESTROY. */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** Where esbuild writes (default: a fresh temp folder). */
  readonly bundleDir?: string;
}

export interface FunctionOptions {
  /** Construct id, e.g. the route name. */
  readonly id: string;
  /** The handler and (in `access`) every AWS action it performs: its role allows exactly those. */
  readonly handler: HandlerRef;
  readonly timeout?: Duration;
}

export class HandlerFunctions extends Construct {
  readonly table: ITable;
  /** Every function created here, in creation order (alarms watch each one). */
  readonly created: LambdaFunction[] = [];
  private readonly props: HandlerFunctionsProps;
  private readonly bundled: Map<string, BundledModule>;
  private readonly codes = new Map<string, Code>();
  private readonly available: Record<string, string | (() => string)>;
  private readonly resolved = new Map<string, string>();

  constructor(scope: Construct, id: string, props: HandlerFunctionsProps) {
    super(scope, id);
    this.props = props;
    this.table = props.table;
    this.bundled = bundleModules(props.repoRoot, props.modules, props.bundleDir);
    this.available = { ...props.environment, NOTES_TABLE: props.table.tableName };
  }

  /** The variables a bundle reads, with their values. */
  environmentFor(bundle: BundledModule): Record<string, string> {
    const environment: Record<string, string> = {};
    for (const [name, value] of Object.entries(this.available)) {
      if (!mentions(bundle, name)) continue;
      let resolved = this.resolved.get(name);
      if (resolved === undefined) {
        resolved = typeof value === 'function' ? value() : value;
        this.resolved.set(name, resolved);
      }
      environment[name] = resolved;
    }
    return environment;
  }

  /** The esbuild result for a module (which source files and packages it contains). */
  bundleOf(module: string): BundledModule {
    const bundle = this.bundled.get(module);
    if (!bundle) throw new Error(`${module} was not bundled: add it to HandlerFunctions' modules`);
    return bundle;
  }

  private secret(name: SecretName) {
    const secret = this.props.secrets?.[name];
    if (!secret) throw new Error(`No secret ${name} was given to HandlerFunctions`);
    return secret;
  }

  /** The ARN a declared grant applies to. */
  private resourceArn(resource: GrantResource, ref: HandlerRef): string {
    if (resource === 'table') return this.table.tableArn;
    if (resource.startsWith('secret/')) return this.secret(resource.slice(7) as SecretName).arn();
    if (resource === 'pool') {
      if (!this.props.userPoolArn)
        throw new Error(`${handlerKey(ref)} declares cognito-idp access but no pool was given`);
      return this.props.userPoolArn;
    }
    return `${this.table.tableArn}/${resource}`;
  }

  create(options: FunctionOptions): LambdaFunction {
    const ref = options.handler;
    const bundle = this.bundleOf(ref.module);
    // One Code per module: functions of the same module share a single uploaded asset.
    let code = this.codes.get(ref.module);
    if (!code) {
      code = Code.fromAsset(bundle.directory);
      this.codes.set(ref.module, code);
    }
    const logGroup = new LogGroup(this, `${options.id}Logs`, {
      retention: retentionDays(this.props.logRetentionDays ?? 30),
      removalPolicy: this.props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: it may write to its own log group
    // only, not create or write to any other.
    const role = new Role(this, `${options.id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${handlerKey(ref)}`,
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    const tracing = this.props.tracing ?? true;
    const environment = this.environmentFor(bundle);
    for (const name of ref.access?.secrets ?? []) {
      const secret = this.secret(name);
      environment[secret.variable] = secret.arn();
    }
    const fn = new LambdaFunction(this, options.id, {
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      code,
      handler: `${bundleFileName.replace(/\.mjs$/, '')}.${ref.export}`,
      memorySize: 256,
      timeout: options.timeout ?? Duration.seconds(10),
      logGroup,
      role,
      tracing: tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      description: handlerKey(ref),
      environment: {
        ...environment,
        // Stack traces point into api/*.ts through the bundled source map.
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    // Exactly the declared grants, one statement per resource (the table, an index, the pool).
    const byResource = new Map<GrantResource, string[]>();
    for (const grant of declaredGrants(ref))
      byResource.set(grant.resource, [...(byResource.get(grant.resource) ?? []), grant.action]);
    for (const [resource, actions] of byResource)
      role.addToPrincipalPolicy(
        new PolicyStatement({ actions, resources: [this.resourceArn(resource, ref)] }),
      );

    // API Gateway and Cognito call these functions synchronously: the caller gets the error,
    // nothing is retried, so there is nothing a dead-letter queue would ever receive.
    Validations.of(fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Invoked synchronously (API Gateway proxy, authorizer, Cognito trigger, Secrets Manager rotation step); a DLQ only receives failed asynchronous invocations',
    });
    if (!tracing)
      Validations.of(fn).acknowledge({
        id: 'Serverless-LambdaTracing',
        reason: 'Tracing was switched off at deploy time with -c tracing=false',
      });
    else
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'xray:PutTraceSegments and xray:PutTelemetryRecords, added by active tracing, support no resource-level permissions',
      });
    this.created.push(fn);
    return fn;
  }
}
