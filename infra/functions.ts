/**
 * One Lambda function per route handler and per authorizer (own log group, own role, own
 * grants), all built from one esbuild run over `api/`. One function per route rather than one
 * per API: each role holds only what its handler needs (a GET may only read), and each route
 * gets its own metrics, logs and concurrency.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HandlerRef, HttpMethod } from '../api/routes.ts';
import { notesTable } from '../api/notes/table.ts';
import {
  bundleFileName,
  bundleModules,
  includesPackage,
  mentions,
  type BundledModule,
} from './bundle.ts';

/** Item-level DynamoDB actions: no Scan, no table management, no batch or stream access. */
export const tableReadActions = ['dynamodb:GetItem', 'dynamodb:Query'] as const;
export const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

export interface HandlerFunctionsProps {
  readonly repoRoot: string;
  /** Every handler module that will be asked for (bundled together, once). */
  readonly modules: readonly string[];
  readonly table: ITable;
  /**
   * Every configuration value the handlers may read, by variable name. A function receives a
   * variable only when its bundled code names it; a value given as a function is created on
   * first use (e.g. a secret that only some handlers need). NOTES_TABLE is added here.
   */
  readonly environment: Readonly<Record<string, string | (() => string)>>;
  /** Where esbuild writes (default: a fresh temp folder). */
  readonly bundleDir?: string;
}

export interface FunctionOptions {
  /** Construct id, e.g. the route name. */
  readonly id: string;
  readonly handler: HandlerRef;
  /** The HTTP method it serves: GET/HEAD handlers may only read the table. */
  readonly method?: HttpMethod;
  readonly timeout?: Duration;
}

export class HandlerFunctions extends Construct {
  readonly table: ITable;
  private readonly bundled: Map<string, BundledModule>;
  private readonly codes = new Map<string, Code>();
  private readonly available: Record<string, string | (() => string)>;
  private readonly resolved = new Map<string, string>();

  constructor(scope: Construct, id: string, props: HandlerFunctionsProps) {
    super(scope, id);
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

  create(options: FunctionOptions): LambdaFunction {
    const { module, export: exportName } = options.handler;
    const bundle = this.bundleOf(module);
    // One Code per module: functions of the same module share a single uploaded asset.
    let code = this.codes.get(module);
    if (!code) {
      code = Code.fromAsset(bundle.directory);
      this.codes.set(module, code);
    }
    const usesTable = includesPackage(bundle, '@aws-sdk/client-dynamodb');
    const logGroup = new LogGroup(this, `${options.id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const fn = new LambdaFunction(this, options.id, {
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      code,
      handler: `${bundleFileName.replace(/\.mjs$/, '')}.${exportName}`,
      memorySize: 256,
      timeout: options.timeout ?? Duration.seconds(10),
      logGroup,
      description: `${module}#${exportName}`,
      environment: {
        ...this.environmentFor(bundle),
        // Stack traces point into api/*.ts through the bundled source map.
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    if (usesTable) {
      const readOnly = options.method === 'GET';
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: readOnly ? [...tableReadActions] : [...tableReadActions, ...tableWriteActions],
          resources: [this.table.tableArn],
        }),
      );
      // The list reads the byLastChange index (api/notes/table.ts): Query only, that index only.
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: [`${this.table.tableArn}/index/${notesTable.byLastChange.name}`],
        }),
      );
    }
    return fn;
  }
}
