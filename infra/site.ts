/**
 * Hosting of the built SPA: a private S3 bucket read only by CloudFront through Origin Access
 * Control, HTTPS only, the SPA fallback for navigations, strict security headers, and the
 * runtime `config.json` written next to `index.html` at deploy time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as CloudFrontFunction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { AccessLevel } from 'aws-cdk-lib/aws-cloudfront';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { RuntimeConfig } from '../amplify-config.ts';
import {
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
  /** Origins besides the site the SPA may call (`connect-src`): the API and Cognito. */
  readonly connectOrigins: readonly string[];
}

/** The CDK enum member whose value is `value` (the policy names header values as strings). */
function enumValue<T extends string>(members: Record<string, T>, value: string): T {
  const member = Object.values(members).find((candidate) => candidate === value);
  if (member === undefined) throw new Error(`CloudFront has no setting for "${value}"`);
  return member;
}

export class Site extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly responseHeadersPolicy: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const indexPath = join(props.siteDir, 'index.html');
    if (!existsSync(indexPath))
      throw new Error(`${props.siteDir} has no index.html: run \`npm run build\` first`);

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // The bucket holds only build output, re-deployable at any time.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
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
      httpVersion: HttpVersion.HTTP2_AND_3,
      // North America and Europe edges only: the cheapest class.
      priceClass: PriceClass.PRICE_CLASS_100,
    });
    Annotations.of(this.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'defaultRootObject is index.html and the SPA fallback rewrites every extension-less path, so no request lists the bucket',
    );

    const site = Source.asset(props.siteDir);
    // Hashed assets: cached for a year, and old ones kept so open tabs can still lazy-load.
    const assets = new BucketDeployment(this, 'DeployAssets', {
      destinationBucket: this.bucket,
      sources: [site],
      exclude: ['*'],
      include: [...hashedAssetPatterns],
      prune: false,
      cacheControl: [CacheControl.fromString(cacheControl.immutable)],
    });
    // index.html, config.json and the rest: revalidated on every load, invalidated on deploy.
    const indexAndConfig = new BucketDeployment(this, 'DeployIndexAndConfig', {
      destinationBucket: this.bucket,
      sources: [site, Source.jsonData(runtimeConfigFile, props.runtimeConfig)],
      exclude: [...hashedAssetPatterns],
      cacheControl: [CacheControl.fromString(cacheControl.revalidate)],
      distribution: this.distribution,
      distributionPaths: ['/index.html', `/${runtimeConfigFile}`, '/'],
    });
    // A new index.html must never point at assets not uploaded yet.
    indexAndConfig.node.addDependency(assets);
  }

  /** `https://<id>.cloudfront.net` */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
