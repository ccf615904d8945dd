/**
 * Hosting of the built SPA: a private S3 bucket read only by CloudFront through Origin Access
 * Control, HTTPS only, the SPA fallback for navigations, strict security headers, and the
 * runtime `config.json` written next to `index.html` at deploy time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Duration, RemovalPolicy, type Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as CloudFrontFunction,
  GeoRestriction,
  HeadersFrameOption,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { AccessLevel } from 'aws-cdk-lib/aws-cloudfront';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { RuntimeConfig } from '../amplify-config.ts';
import { retentionDays } from './functions.ts';
import type { SiteDomain } from './options.ts';
import {
  adminApiPathPrefix,
  adminApiPrefixSource,
  cacheControl,
  hashedAssetPatterns,
  securityPolicy,
  spaFallbackSource,
} from './site-policy.ts';

/** The runtime configuration file the SPA fetches at start-up (see amplify-config.ts). */
export const runtimeConfigFile = 'config.json';

export interface SiteProps {
  /** The built SPA (`ng build` output folder holding index.html). */
  readonly siteDir: string;
  readonly runtimeConfig: RuntimeConfig;
  /**
   * The HTTP API's host (`<id>.execute-api.<region>.amazonaws.com`), served on the site's origin
   * under `/admin-api/` for the back office.
   */
  readonly adminApiDomainName?: string;
  /** Origins besides the site the SPA may call (`connect-src`): the API and Cognito. */
  readonly connectOrigins: readonly string[];
  /** S3 server access logs and CloudFront standard logs into a log bucket. Default true. */
  readonly accessLogs?: boolean;
  /** Days the log bucket keeps logs. Default 30. */
  readonly accessLogRetentionDays?: number;
  /** For the log bucket and the deployment function's logs. Default DESTROY. */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** Custom domain + ACM certificate: lets CloudFront require TLS 1.2. */
  readonly siteDomain?: SiteDomain | undefined;
  /** Countries served (ISO codes); everywhere when empty. */
  readonly geoAllowList?: readonly string[];
  /** A CLOUDFRONT-scope WAF web ACL ARN. */
  readonly webAclArn?: string;
}

/** The CDK enum member whose value is `value` (the policy names header values as strings). */
function enumValue<T extends string>(members: Record<string, T>, value: string): T {
  const member = Object.values(members).find((candidate) => candidate === value);
  if (member === undefined) throw new Error(`CloudFront has no setting for "${value}"`);
  return member;
}

export class Site extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket | undefined;
  readonly distribution: Distribution;
  readonly responseHeadersPolicy: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const indexPath = join(props.siteDir, 'index.html');
    if (!existsSync(indexPath))
      throw new Error(`${props.siteDir} has no index.html: run \`npm run build\` first`);

    this.siteDomain = props.siteDomain;
    const logRemoval = props.logRemovalPolicy ?? RemovalPolicy.DESTROY;
    if (props.accessLogs ?? true) {
      this.logBucket = new Bucket(this, 'LogBucket', {
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        // CloudFront standard logging writes with an ACL (awslogsdelivery), so ACLs stay on.
        objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
        encryption: BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        lifecycleRules: [{ expiration: Duration.days(props.accessLogRetentionDays ?? 30) }],
        removalPolicy: logRemoval,
        autoDeleteObjects: logRemoval === RemovalPolicy.DESTROY,
      });
      Validations.of(this.logBucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason:
          'This is the access-log bucket; logging it into itself would log its own log writes',
      });
    }
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // The bucket holds only build output, re-deployable at any time.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
      ...(this.logBucket
        ? { serverAccessLogsBucket: this.logBucket, serverAccessLogsPrefix: 's3/' }
        : {}),
    });

    // Every header comes from site-policy.ts, which the end-to-end static server sends as well.
    const policy = securityPolicy({
      indexHtml: readFileSync(indexPath, 'utf8'),
      connectOrigins: props.connectOrigins,
    });
    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Notes SPA: strict CSP, HSTS, nosniff, no referrer, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: policy.contentSecurityPolicy,
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(policy.strictTransportSecurity.maxAgeSeconds),
          includeSubdomains: policy.strictTransportSecurity.includeSubdomains,
          override: true,
        },
        // CloudFront's only X-Content-Type-Options value is nosniff.
        contentTypeOptions: { override: true },
        referrerPolicy: {
          referrerPolicy: enumValue(HeadersReferrerPolicy, policy.referrerPolicy),
          override: true,
        },
        frameOptions: {
          frameOption: enumValue(HeadersFrameOption, policy.frameOption),
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: Object.entries(policy.customHeaders).map(([header, value]) => ({
          header,
          value,
          override: true,
        })),
      },
    });

    // Honour the objects' Cache-Control (set per file below); no query strings or cookies.
    const cachePolicy = new CachePolicy(this, 'CachePolicy', {
      comment:
        'Notes SPA: origin Cache-Control decides (immutable assets vs revalidated index.html)',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.days(1),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const spaFallback = new CloudFrontFunction(this, 'SpaFallback', {
      code: FunctionCode.fromInline(spaFallbackSource),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serve /index.html for client-side routes (no file extension)',
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Notes SPA',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        // LIST lets S3 answer 404 (not 403) for a missing file; the bucket root is never
        // requested because the fallback rewrites `/` to /index.html.
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket, {
          originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        compress: true,
        cachePolicy,
        responseHeadersPolicy: this.responseHeadersPolicy,
        functionAssociations: [
          { eventType: FunctionEventType.VIEWER_REQUEST, function: spaFallback },
        ],
      },
      ...(props.adminApiDomainName
        ? {
            additionalBehaviors: {
              [`${adminApiPathPrefix}/*`]: this.adminApiBehavior(props.adminApiDomainName),
            },
          }
        : {}),
      httpVersion: HttpVersion.HTTP2_AND_3,
      // North America and Europe edges only: the cheapest class.
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(this.logBucket
        ? { enableLogging: true, logBucket: this.logBucket, logFilePrefix: 'cloudfront/' }
        : {}),
      ...(props.siteDomain
        ? {
            domainNames: [props.siteDomain.domainName],
            certificate: Certificate.fromCertificateArn(
              this,
              'Certificate',
              props.siteDomain.certificateArn,
            ),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(props.geoAllowList && props.geoAllowList.length > 0
        ? { geoRestriction: GeoRestriction.allowlist(...props.geoAllowList) }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    this.acknowledgeOptionalHardening(props);
    Annotations.of(this.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'defaultRootObject is index.html and the SPA fallback rewrites every extension-less path, so no request lists the bucket',
    );

    // One log group (with retention) for the CDK's deployment function both deployments share.
    const deploymentLogs = new LogGroup(this, 'DeploymentLogs', {
      retention: retentionDays(props.accessLogRetentionDays ?? 30),
      removalPolicy: logRemoval,
    });
    const site = Source.asset(props.siteDir);
    // Hashed assets: cached for a year, and old ones kept so open tabs can still lazy-load.
    const assets = new BucketDeployment(this, 'DeployAssets', {
      destinationBucket: this.bucket,
      sources: [site],
      exclude: ['*'],
      include: [...hashedAssetPatterns],
      prune: false,
      cacheControl: [CacheControl.fromString(cacheControl.immutable)],
      logGroup: deploymentLogs,
    });
    // index.html, config.json and the rest: revalidated on every load, invalidated on deploy.
    const indexAndConfig = new BucketDeployment(this, 'DeployIndexAndConfig', {
      destinationBucket: this.bucket,
      sources: [site, Source.jsonData(runtimeConfigFile, props.runtimeConfig)],
      exclude: [...hashedAssetPatterns],
      cacheControl: [CacheControl.fromString(cacheControl.revalidate)],
      distribution: this.distribution,
      distributionPaths: ['/index.html', `/${runtimeConfigFile}`, '/'],
      logGroup: deploymentLogs,
    });
    // A new index.html must never point at assets not uploaded yet.
    indexAndConfig.node.addDependency(assets);
  }

  private readonly siteDomain: SiteDomain | undefined;

  /**
   * The back office API on the site's own origin (docs/decisions.md): nothing cached, every
   * viewer header but Host forwarded (API Gateway answers 403 to a Host not its own; with caching
   * disabled this policy forwards `Authorization` too), all methods, HTTPS and TLS 1.2 to the
   * origin, and the prefix dropped by a viewer-request function, so `/admin-api/admin/users`
   * reaches the HTTP API as `/admin/users`. The site's WAF, when on, covers these calls as well.
   */
  private adminApiBehavior(domainName: string) {
    const stripPrefix = new CloudFrontFunction(this, 'AdminApiPrefix', {
      code: FunctionCode.fromInline(adminApiPrefixSource),
      runtime: FunctionRuntime.JS_2_0,
      comment: `Drop ${adminApiPathPrefix} before the HTTP API sees the path`,
    });
    return {
      origin: new HttpOrigin(domainName, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.responseHeadersPolicy,
      compress: true,
      functionAssociations: [
        { eventType: FunctionEventType.VIEWER_REQUEST, function: stripPrefix },
      ],
    };
  }

  /** `https://<id>.cloudfront.net`, or the custom domain. */
  get url(): string {
    return `https://${this.siteDomain?.domainName ?? this.distribution.distributionDomainName}`;
  }

  /** Each optional hardening left off is acknowledged with the option that turns it on. */
  private acknowledgeOptionalHardening(props: SiteProps): void {
    const acknowledge = (id: string, reason: string) =>
      Validations.of(this.distribution).acknowledge({ id, reason });
    if (!props.geoAllowList?.length)
      acknowledge(
        'AwsSolutions-CFR1',
        'Where the app is offered is a business decision: -c geoAllowList=DE,FR,… restricts it',
      );
    if (!props.webAclArn)
      acknowledge(
        'AwsSolutions-CFR2',
        'WAF is a deploy-time option (-c waf=true, about US$ 7 a month per web ACL): the site is static files behind CloudFront',
      );
    if (!this.logBucket)
      acknowledge('AwsSolutions-CFR3', 'Access logging was switched off with -c accessLogs=false');
    if (!props.siteDomain)
      acknowledge(
        'AwsSolutions-CFR4',
        "The default *.cloudfront.net certificate fixes the minimum at TLSv1 (CloudFront's rule); -c siteDomain=… -c siteCertificateArn=… sets TLS 1.2",
      );
    if (!this.logBucket)
      Validations.of(this.bucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason: 'Access logging was switched off with -c accessLogs=false',
      });
  }

  /**
   * The CDK's own deployment function (a Singleton at stack level, Python runtime, its policy
   * written by the CDK): acknowledged there, where it is created.
   */
  static acknowledgeDeploymentFunction(stack: Stack): void {
    for (const child of stack.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      const findings: [string, string][] = [
        [
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          'CDK-owned deployment function: the CDK attaches the basic execution role',
        ],
        ...[
          'Action::s3:GetBucket*',
          'Action::s3:GetObject*',
          'Action::s3:List*',
          'Action::s3:Abort*',
          'Action::s3:DeleteObject*',
          'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
          'Resource::<SiteBucket978D4AEB.Arn>/*',
          'Resource::*',
        ].map((finding): [string, string] => [
          `AwsSolutions-IAM5[${finding}]`,
          'CDK-owned deployment function: copies the build from the CDK asset bucket into the site bucket and invalidates CloudFront (which has no resource-level permissions); the CDK writes this policy',
        ]),
        ['AwsSolutions-L1', 'CDK-owned deployment function: the CDK pins its runtime'],
        [
          'Serverless-LambdaLatestVersion',
          'CDK-owned deployment function: the CDK pins its runtime',
        ],
        [
          'Serverless-LambdaDLQ',
          'CloudFormation custom resource: invoked by CloudFormation, which reports a failure itself',
        ],
        [
          'Serverless-LambdaTracing',
          'CDK-owned deployment function, run only during deploys; BucketDeployment offers no tracing',
        ],
      ];
      for (const [id, reason] of findings) Validations.of(child).acknowledge({ id, reason });
    }
  }
}
