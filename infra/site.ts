/**
 * Hosting of the built SPA: a private S3 bucket read only by CloudFront through Origin Access
 * Control, HTTPS only, the SPA fallback for navigations, strict security headers, and the
 * runtime `config.json` written next to `index.html` at deploy time.
 */
import { createHash } from 'node:crypto';
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
import { spaFallbackSource } from './spa-fallback.ts';

/** The runtime configuration file the SPA fetches at start-up (see amplify-config.ts). */
export const runtimeConfigFile = 'config.json';

/**
 * Files Angular names by content hash (`main-GAGJ7PT4.js`, `chunk-RTS-iqt4.js`,
 * `styles-4HPBTR53.css`, `media/…`): safe to cache for a year. Everything else — index.html,
 * config.json, and unhashed files copied from `public/` or `assets` (favicon.ico,
 * amplify-theme.css) — is revalidated on every load. Patterns are `aws s3 sync` filters
 * (fnmatch: `*` also matches `/`, `?` one character); Angular's hashes are 8 characters.
 */
export const hashedAssetPatterns = ['*-????????.js', '*-????????.css', 'media/*'];

export interface SiteProps {
  /** The built SPA (`ng build` output folder holding index.html). */
  readonly siteDir: string;
  readonly runtimeConfig: RuntimeConfig;
  /** Origins besides the site the SPA may call (`connect-src`): the API and Cognito. */
  readonly connectOrigins: readonly string[];
}

/**
 * SHA-256 sources of the inline `<script>`s in index.html. Angular's build adds one (it swaps the
 * deferred stylesheet's `media` after load); listing its hash keeps `script-src` free of
 * 'unsafe-inline' while that script still runs.
 */
export function inlineScriptHashes(indexHtml: string): string[] {
  const hashes: string[] = [];
  for (const match of indexHtml.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? '';
    const body = match[2] ?? '';
    if (/\ssrc\s*=/i.test(attributes) || body.length === 0) continue;
    hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

export function contentSecurityPolicy(options: { connectOrigins: readonly string[]; scriptHashes: readonly string[] }): string {
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...options.scriptHashes].join(' '),
    // Angular component styles and Amplify UI set inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ['connect-src', "'self'", ...options.connectOrigins].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

export class Site extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly responseHeadersPolicy: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const indexPath = join(props.siteDir, 'index.html');
    if (!existsSync(indexPath)) throw new Error(`${props.siteDir} has no index.html: run \`npm run build\` first`);

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // The bucket holds only build output, re-deployable at any time.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Notes SPA: strict CSP, HSTS, nosniff, no referrer, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy({
            connectOrigins: props.connectOrigins,
            scriptHashes: inlineScriptHashes(readFileSync(indexPath, 'utf8')),
          }),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });

    // Honour the objects' Cache-Control (set per file below); no query strings or cookies.
    const cachePolicy = new CachePolicy(this, 'CachePolicy', {
      comment: 'Notes SPA: origin Cache-Control decides (immutable assets vs revalidated index.html)',
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
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket, { originAccessLevels: [AccessLevel.READ, AccessLevel.LIST] }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        compress: true,
        cachePolicy,
        responseHeadersPolicy: this.responseHeadersPolicy,
        functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: spaFallback }],
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
      include: hashedAssetPatterns,
      prune: false,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
    });
    // index.html, config.json and the rest: revalidated on every load, invalidated on deploy.
    const indexAndConfig = new BucketDeployment(this, 'DeployIndexAndConfig', {
      destinationBucket: this.bucket,
      sources: [site, Source.jsonData(runtimeConfigFile, props.runtimeConfig)],
      exclude: hashedAssetPatterns,
      cacheControl: [CacheControl.noCache()],
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
