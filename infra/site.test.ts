import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseRuntimeConfig } from '../amplify-config.ts';
import { restStageName } from './api.ts';
import {
  adminApiOriginUri,
  adminApiPathPrefix,
  adminApiPrefixSource,
  cacheControlFor,
  isAdminApiPath,
  contentSecurityPolicy,
  hashedAssetPatterns,
  inlineScriptHashes,
  s3FilterMatches,
  securityHeaders as policyHeaders,
  viewerRequestUri,
} from './site-policy.ts';
import { localOnlyConfigKeys, localRuntimeConfig } from '../local/dev-config.ts';
import { runtimeConfigFile } from './site.ts';
import { runSpaFallback, spaFallbackSource } from './spa-fallback.ts';
import {
  assetDirectory,
  propertiesOf,
  referencedIds,
  render,
  resourcesOf,
  siteInlineScript,
  synthesizeNotesStack,
  type Json,
  type Synthesized,
} from './testing/synth.ts';

let synth: Synthesized;

before(() => {
  synth = synthesizeNotesStack();
});

after(() => synth.dispose());

function only(type: string): [string, Json] {
  const found = Object.entries(resourcesOf(synth.template, type));
  assert.equal(found.length, 1, `one ${type}`);
  return [found[0]![0], propertiesOf(found[0]![1])];
}

function single<T>(items: readonly T[], what: string): T {
  assert.equal(items.length, 1, `expected exactly one ${what}, found ${items.length}`);
  return items[0]!;
}

/** The CloudFront Function whose code is `source`. */
function cloudFrontFunction(source: string): [string, Json] {
  const found = Object.entries(resourcesOf(synth.template, 'AWS::CloudFront::Function')).filter(
    ([, resource]) => propertiesOf(resource)['FunctionCode'] === source,
  );
  assert.equal(found.length, 1, 'one CloudFront Function with this code');
  return [found[0]![0], propertiesOf(found[0]![1])];
}

function defaultBehavior(): Json {
  return (only('AWS::CloudFront::Distribution')[1]['DistributionConfig'] as Json)[
    'DefaultCacheBehavior'
  ] as Json;
}

function securityHeaders(): Json {
  return (only('AWS::CloudFront::ResponseHeadersPolicy')[1]['ResponseHeadersPolicyConfig'] as Json)[
    'SecurityHeadersConfig'
  ] as Json;
}

function deployments(): Json[] {
  return Object.values(resourcesOf(synth.template, 'Custom::CDKBucketDeployment')).map(
    propertiesOf,
  );
}

/** The site bucket (not the log bucket) and its policy. */
function siteBucket(): [string, Json] {
  const found = Object.entries(resourcesOf(synth.template, 'AWS::S3::Bucket')).filter(([id]) =>
    id.startsWith('SiteBucket'),
  );
  assert.equal(found.length, 1, 'one site bucket');
  return [found[0]![0], propertiesOf(found[0]![1])];
}

function policyOf(bucketId: string): Json {
  const found = Object.values(resourcesOf(synth.template, 'AWS::S3::BucketPolicy'))
    .map(propertiesOf)
    .filter((policy) => referencedIds(policy['Bucket']).has(bucketId));
  assert.equal(found.length, 1, `one policy for ${bucketId}`);
  return found[0]!;
}

function assetFolder(objectKey: unknown): string {
  const directory = assetDirectory(synth, String(objectKey));
  assert.ok(existsSync(directory), `asset ${String(objectKey)} exists`);
  return directory;
}

describe('S3 bucket for the site', () => {
  it('is private: every Block Public Access setting on, no ACLs, TLS required', () => {
    const [bucketId, bucket] = siteBucket();
    assert.deepEqual(bucket['PublicAccessBlockConfiguration'], {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    assert.deepEqual(bucket['OwnershipControls'], {
      Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }],
    });
    assert.equal(bucket['WebsiteConfiguration'], undefined, 'no public website endpoint');

    const policy = policyOf(bucketId);
    const statements = (policy['PolicyDocument'] as { Statement: Json[] }).Statement;
    assert.ok(
      statements.some(
        (s) =>
          s['Effect'] === 'Deny' &&
          JSON.stringify(s['Condition']).includes('"aws:SecureTransport":"false"'),
      ),
    );
    for (const statement of statements.filter((s) => s['Effect'] === 'Allow')) {
      assert.notDeepEqual(statement['Principal'], '*', 'no anonymous principal');
      assert.notDeepEqual(statement['Principal'], { AWS: '*' }, 'no anonymous principal');
    }
  });

  it('is read by CloudFront only through Origin Access Control, for this distribution', () => {
    const [oacId, oac] = only('AWS::CloudFront::OriginAccessControl');
    assert.deepEqual((oac['OriginAccessControlConfig'] as Json)['SigningBehavior'], 'always');
    assert.equal((oac['OriginAccessControlConfig'] as Json)['OriginAccessControlOriginType'], 's3');
    const [distributionId, distribution] = only('AWS::CloudFront::Distribution');
    const origin = ((distribution['DistributionConfig'] as Json)['Origins'] as Json[])[0]!;
    assert.ok(referencedIds(origin['OriginAccessControlId']).has(oacId));
    assert.equal((origin['S3OriginConfig'] as Json)['OriginAccessIdentity'], '', 'no legacy OAI');

    const statements = (policyOf(siteBucket()[0])['PolicyDocument'] as { Statement: Json[] })
      .Statement;
    const cloudFront = statements.find(
      (s) => JSON.stringify(s['Principal']) === '{"Service":"cloudfront.amazonaws.com"}',
    );
    assert.ok(cloudFront, 'CloudFront service principal');
    assert.ok(
      render(((cloudFront['Condition'] as Json)['StringEquals'] as Json)['AWS:SourceArn']).includes(
        `distribution/\${${distributionId}}`,
      ),
      'scoped to this distribution',
    );
    assert.deepEqual([cloudFront['Action']].flat().sort(), ['s3:GetObject', 's3:ListBucket']);
  });
});

describe('CloudFront distribution', () => {
  it('redirects HTTP to HTTPS and serves only GET/HEAD', () => {
    const behavior = defaultBehavior();
    assert.equal(behavior['ViewerProtocolPolicy'], 'redirect-to-https');
    assert.deepEqual(behavior['AllowedMethods'], ['GET', 'HEAD']);
    assert.equal(
      (only('AWS::CloudFront::Distribution')[1]['DistributionConfig'] as Json)['DefaultRootObject'],
      'index.html',
    );
  });

  it('runs the SPA fallback on viewer requests', () => {
    const [functionId, fn] = cloudFrontFunction(spaFallbackSource);
    assert.equal((fn['FunctionConfig'] as Json)['Runtime'], 'cloudfront-js-2.0');
    const associations = defaultBehavior()['FunctionAssociations'] as Json[];
    assert.equal(associations.length, 1);
    assert.equal(associations[0]!['EventType'], 'viewer-request');
    assert.ok(referencedIds(associations[0]!['FunctionARN']).has(functionId));
    assert.equal(
      (only('AWS::CloudFront::Distribution')[1]['DistributionConfig'] as Json)[
        'CustomErrorResponses'
      ],
      undefined,
      'no blanket 403/404 → index.html that would answer missing scripts with HTML',
    );
  });

  it('serves index.html (200) for client-side routes and leaves files alone, as the e2e static server does', () => {
    const deployed = cloudFrontFunction(spaFallbackSource)[1]['FunctionCode'] as string;
    for (const route of [
      '/',
      '/notes',
      '/notes/',
      '/notes/01JD0Z8Q5V9X3M2K7T4R6Y1B8C',
      '/sign-in',
      '/profile',
    ]) {
      assert.equal(runSpaFallback(deployed, route), '/index.html', route);
      assert.equal(viewerRequestUri(route), '/index.html', route);
    }
    for (const file of [
      '/index.html',
      '/config.json',
      '/main-ABCDEFGH.js',
      '/styles-ABCDEFGH.css',
      '/favicon.ico',
      '/media/logo.svg',
      '/missing-chunk-XYZ.js',
    ]) {
      assert.equal(runSpaFallback(deployed, file), file, file);
      assert.equal(viewerRequestUri(file), file, file);
    }
  });

  it('caches by the objects’ Cache-Control: a year for hashed assets, revalidated index.html and config.json', () => {
    const [policyId, policy] = only('AWS::CloudFront::CachePolicy');
    assert.ok(referencedIds(defaultBehavior()['CachePolicyId']).has(policyId));
    const config = policy['CachePolicyConfig'] as Json;
    assert.equal(config['MinTTL'], 0, 'no-cache objects are not held at the edge');
    assert.equal(config['MaxTTL'], 365 * 24 * 3600);

    const [assets, indexAndConfig] = [
      deployments().find((d) => d['Prune'] === false)!,
      deployments().find((d) => d['Prune'] === true)!,
    ];
    assert.deepEqual(assets['Include'], hashedAssetPatterns);
    assert.deepEqual(assets['Exclude'], ['*']);
    assert.equal(
      (assets['SystemMetadata'] as Json)['cache-control'],
      'public, max-age=31536000, immutable',
    );
    assert.deepEqual(indexAndConfig['Exclude'], hashedAssetPatterns);
    assert.equal((indexAndConfig['SystemMetadata'] as Json)['cache-control'], 'no-cache');
    assert.ok(
      (indexAndConfig['DistributionPaths'] as string[]).includes('/index.html'),
      'invalidated on deploy',
    );
  });

  it('uploads each file with the Cache-Control the e2e static server sends for it (cacheControlFor)', () => {
    // `aws s3 sync` as the deployment runs it: --exclude filters, then --include; the last match wins.
    const uploads = (deployment: Json, key: string): boolean => {
      let included = !((deployment['Exclude'] as string[] | undefined) ?? []).some((pattern) =>
        s3FilterMatches(pattern, key),
      );
      if (
        ((deployment['Include'] as string[] | undefined) ?? []).some((pattern) =>
          s3FilterMatches(pattern, key),
        )
      )
        included = true;
      return included;
    };
    const keys = [
      'index.html',
      'config.json',
      'favicon.ico',
      'robots.txt',
      '3rdpartylicenses.txt',
      'main-GAGJ7PT4.js',
      'chunk-6f-quKFn.js',
      'polyfills-FFHMD2TL.js',
      'styles-4HPBTR53.css',
      'media/logo-QWERTY12.svg',
      'media/font.woff2',
    ];
    for (const key of keys) {
      const by = deployments().filter((deployment) => uploads(deployment, key));
      assert.equal(by.length, 1, `${key} is uploaded by exactly one deployment`);
      assert.equal(
        (by[0]!['SystemMetadata'] as Json)['cache-control'],
        cacheControlFor(`/${key}`),
        key,
      );
    }
  });

  it('sends a strict CSP: scripts from the site only (plus index.html’s own inline script by hash), connections to the site, the API and Cognito', () => {
    const [restApiId] = only('AWS::ApiGateway::RestApi');
    const csp = render(
      (securityHeaders()['ContentSecurityPolicy'] as Json)['ContentSecurityPolicy'],
    );
    const directives = new Map(
      csp.split('; ').map((directive) => {
        const [name, ...values] = directive.split(' ');
        return [name!, values] as const;
      }),
    );
    assert.deepEqual(directives.get('default-src'), ["'self'"]);
    assert.deepEqual(directives.get('script-src'), [
      "'self'",
      ...inlineScriptHashes(readFileSync(join(synth.siteDir, 'index.html'), 'utf8')),
    ]);
    assert.equal(
      directives.get('script-src')!.length,
      2,
      'exactly one inline script allowed, by hash',
    );
    // The REST API and Cognito; the back office API is on the site's own origin ('self').
    assert.deepEqual(directives.get('connect-src'), [
      "'self'",
      `https://\${${restApiId}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`,
      'https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}',
    ]);
    assert.deepEqual(directives.get('object-src'), ["'none'"]);
    assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
    assert.deepEqual(directives.get('base-uri'), ["'self'"]);
    assert.ok(!csp.includes("'unsafe-eval'"));
    assert.ok(!directives.get('script-src')!.includes("'unsafe-inline'"));
  });

  it('sends exactly the headers of site-policy.ts (which the e2e static server sends too)', () => {
    const [restApiId] = only('AWS::ApiGateway::RestApi');
    const config = only('AWS::CloudFront::ResponseHeadersPolicy')[1][
      'ResponseHeadersPolicyConfig'
    ] as Json;
    const security = config['SecurityHeadersConfig'] as Record<string, Json>;
    const hsts = security['StrictTransportSecurity']!;
    // What CloudFront adds to each answer for this policy.
    const sent: Record<string, string> = {
      'content-security-policy': render(
        security['ContentSecurityPolicy']!['ContentSecurityPolicy'],
      ),
      'strict-transport-security': `max-age=${String(hsts['AccessControlMaxAgeSec'])}${hsts['IncludeSubdomains'] ? '; includeSubDomains' : ''}${hsts['Preload'] ? '; preload' : ''}`,
      'x-content-type-options': 'nosniff',
      'referrer-policy': String(security['ReferrerPolicy']!['ReferrerPolicy']),
      'x-frame-options': String(security['FrameOptions']!['FrameOption']),
    };
    for (const item of ((config['CustomHeadersConfig'] as Json | undefined)?.['Items'] as
      Json[] | undefined) ?? []) {
      sent[String(item['Header']).toLowerCase()] = String(item['Value']);
    }
    assert.deepEqual(
      sent,
      policyHeaders({
        indexHtml: readFileSync(join(synth.siteDir, 'index.html'), 'utf8'),
        connectOrigins: [
          `https://\${${restApiId}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`,
          'https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}',
        ],
      }),
    );
  });

  it('serves the back office API (the HTTP API) on the site’s own origin under /admin-api/: uncached, Authorization forwarded, Host not, HTTPS and TLS 1.2, the prefix dropped', () => {
    const config = only('AWS::CloudFront::Distribution')[1]['DistributionConfig'] as Json;
    const behaviors = config['CacheBehaviors'] as Json[];
    const behavior = single(behaviors, 'additional cache behaviour');
    assert.equal(behavior['PathPattern'], `${adminApiPathPrefix}/*`);
    assert.equal(behavior['ViewerProtocolPolicy'], 'https-only');
    assert.deepEqual([...(behavior['AllowedMethods'] as string[])].sort(), [
      'DELETE',
      'GET',
      'HEAD',
      'OPTIONS',
      'PATCH',
      'POST',
      'PUT',
    ]);
    // AWS's managed policies, by their documented ids: CachingDisabled (with caching off,
    // AllViewerExceptHostHeader forwards Authorization) and every viewer header but Host.
    assert.equal(behavior['CachePolicyId'], '4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    assert.equal(behavior['OriginRequestPolicyId'], 'b689b0a8-53d0-40ab-baf2-68738e2966ac');
    const [policyId] = only('AWS::CloudFront::ResponseHeadersPolicy');
    assert.ok(referencedIds(behavior['ResponseHeadersPolicyId']).has(policyId));

    const origin = (config['Origins'] as Json[]).find(
      (candidate) => candidate['Id'] === behavior['TargetOriginId'],
    )!;
    const [httpApiId] = only('AWS::ApiGatewayV2::Api');
    assert.equal(
      render(origin['DomainName']),
      `\${${httpApiId}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`,
    );
    assert.deepEqual(origin['CustomOriginConfig'], {
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });

    const [functionId, fn] = cloudFrontFunction(adminApiPrefixSource);
    assert.equal((fn['FunctionConfig'] as Json)['Runtime'], 'cloudfront-js-2.0');
    const association = single(behavior['FunctionAssociations'] as Json[], 'function');
    assert.equal(association['EventType'], 'viewer-request');
    assert.ok(referencedIds(association['FunctionARN']).has(functionId));
    // The deployed code, run: the HTTP API sees its own route paths, query strings untouched
    // (CloudFront keeps them apart from the URI).
    const deployed = fn['FunctionCode'] as string;
    for (const [site, api] of [
      ['/admin-api/admin/users', '/admin/users'],
      [
        '/admin-api/admin/users/ada%40example.com/disable',
        '/admin/users/ada%40example.com/disable',
      ],
      ['/admin-api/', '/'],
    ] as const) {
      assert.equal(runSpaFallback(deployed, site), api, site);
      assert.equal(adminApiOriginUri(site), api, site);
    }
    assert.ok(isAdminApiPath('/admin-api/admin/users'));
    assert.ok(!isAdminApiPath('/admin'), 'the SPA’s own /admin page stays the SPA’s');
    assert.ok(!isAdminApiPath('/admin/users'));
  });

  it('sends HSTS, nosniff, no referrer and frame denial on every response', () => {
    const [policyId] = only('AWS::CloudFront::ResponseHeadersPolicy');
    assert.ok(referencedIds(defaultBehavior()['ResponseHeadersPolicyId']).has(policyId));
    const headers = securityHeaders();
    assert.deepEqual(headers['StrictTransportSecurity'], {
      AccessControlMaxAgeSec: 63072000,
      IncludeSubdomains: true,
      Override: true,
    });
    assert.deepEqual(headers['ContentTypeOptions'], { Override: true });
    assert.deepEqual(headers['ReferrerPolicy'], { ReferrerPolicy: 'no-referrer', Override: true });
    assert.deepEqual(headers['FrameOptions'], { FrameOption: 'DENY', Override: true });
    for (const [, value] of Object.entries(headers))
      assert.equal((value as Json)['Override'], true);
  });
});

describe('which files count as hashed (cached for a year)', () => {
  const hashed = (key: string) =>
    hashedAssetPatterns.some((pattern) => s3FilterMatches(pattern, key));

  it('takes Angular’s content-hashed bundles, chunks, styles and media', () => {
    for (const key of [
      'main-GAGJ7PT4.js',
      'chunk-RTS-iqt4.js',
      'chunk-09YUUsCr.js',
      'polyfills-FFHMD2TL.js',
      'styles-4HPBTR53.css',
      'media/logo-QWERTY12.svg',
    ]) {
      assert.ok(hashed(key), key);
    }
  });

  it('leaves unhashed files to be revalidated, so a deploy can change them', () => {
    for (const key of [
      'index.html',
      'config.json',
      'favicon.ico',
      'robots.txt',
      '3rdpartylicenses.txt',
    ]) {
      assert.ok(!hashed(key), key);
    }
  });
});

describe('runtime configuration deployed with the site', () => {
  it('writes config.json next to index.html with the deployed pool, SPA client, region, API URL and second factors', () => {
    const deployment = deployments().find((d) => d['Prune'] === true)!;
    const keys = deployment['SourceObjectKeys'] as string[];
    const folders = keys.map(assetFolder);
    const siteIndex = folders.findIndex((folder) => existsSync(join(folder, 'index.html')));
    const configIndex = folders.findIndex((folder) => existsSync(join(folder, runtimeConfigFile)));
    assert.ok(siteIndex >= 0, 'the built site is deployed');
    assert.ok(
      configIndex >= 0 && configIndex !== siteIndex,
      'config.json is deployed by the same deployment as index.html',
    );

    // Token values are markers in the asset, substituted at deploy time from SourceMarkers.
    const markers = (deployment['SourceMarkers'] as Json[])[configIndex]!;
    let text = readFileSync(join(folders[configIndex]!, runtimeConfigFile), 'utf8');
    for (const [marker, value] of Object.entries(markers))
      text = text.split(marker).join(render(value));
    const config = parseRuntimeConfig(JSON.parse(text));

    const [poolId] = only('AWS::Cognito::UserPool');
    const clients = resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient');
    const spaClientId = Object.keys(clients).find(
      (id) => propertiesOf(clients[id]!)['ClientName'] === 'notes-spa',
    )!;
    const [restApiId] = only('AWS::ApiGateway::RestApi');
    const [distributionId] = only('AWS::CloudFront::Distribution');
    assert.deepEqual(config, {
      region: '${AWS::Region}',
      userPoolId: `\${${poolId}}`,
      userPoolClientId: `\${${spaClientId}}`,
      apiBaseUrl: `https://\${${restApiId}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/${restStageName}`,
      // The back office: the HTTP API, served by the distribution on the site's own origin.
      adminApiBaseUrl: `https://\${${distributionId}.DomainName}${adminApiPathPrefix}`,
      mfaFactors: ['TOTP'],
      // What the deployed pool allows first (no SES sender in this synth: no emailed codes).
      firstFactors: ['PASSWORD', 'WEB_AUTHN'],
    });
    assert.equal(
      'userPoolEndpoint' in config,
      false,
      'on AWS Amplify derives the Cognito endpoint from the region',
    );
  });

  it('has the same keys as the config.json of a local cloud (npm start and the e2e site server), less the local-only ones', () => {
    const deployment = deployments().find((d) => d['Prune'] === true)!;
    const folder = (deployment['SourceObjectKeys'] as string[])
      .map(assetFolder)
      .find((candidate) => existsSync(join(candidate, runtimeConfigFile)))!;
    const deployedKeys = Object.keys(
      JSON.parse(readFileSync(join(folder, runtimeConfigFile), 'utf8')) as Json,
    ).sort();
    const local = localRuntimeConfig({
      cognitoUrl: 'http://localhost:9229',
      apiUrl: 'http://localhost:3000',
    });
    const localKeys = Object.keys(local).filter(
      (key) => !localOnlyConfigKeys.includes(key as keyof typeof local),
    );
    assert.deepEqual(localKeys.sort(), deployedKeys);
    assert.ok(deployedKeys.includes('adminApiBaseUrl'));
    // The shape the app parses on either cloud.
    assert.deepEqual(parseRuntimeConfig(JSON.parse(JSON.stringify(local))), local);
  });
});

describe('CSP helpers', () => {
  it('hashes inline scripts only, as browsers do (SHA-256 of the exact text)', () => {
    const html = `<script src="main.js" type="module"></script><script>${siteInlineScript}</script><script type="module" src="x.js"></script>`;
    const hashes = inlineScriptHashes(html);
    assert.equal(hashes.length, 1);
    assert.match(hashes[0]!, /^'sha256-[A-Za-z0-9+/]{43}='$/);
  });

  it('builds a policy without any unsafe script source', () => {
    const csp = contentSecurityPolicy({
      connectOrigins: ['https://api.example'],
      scriptHashes: [],
    });
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, /connect-src 'self' https:\/\/api\.example;/);
  });
});
