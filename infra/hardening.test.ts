import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { routes } from '../api/routes.ts';
import { restStageName } from './api.ts';
import { retentionDays } from './functions.ts';
import { defaultStackOptions, stackOptions } from './options.ts';
import {
  propertiesOf,
  referencedIds,
  render,
  resourcesOf,
  synthesizeNotesStack,
  synthesizeWithContext,
  type Json,
  type Synthesized,
} from './testing/synth.ts';
import { countedCommonRules } from './waf.ts';

const hardenedContext = {
  featurePlan: 'PLUS',
  waf: 'true',
  wafRateLimit: '500',
  siteDomain: 'notes.example.com',
  siteCertificateArn:
    'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
  geoAllowList: 'de,fr',
  sesFromEmail: 'notes@example.com',
  sesFromName: 'Notes',
};

let plain: Synthesized;
let hardened: Synthesized;
let minimal: Synthesized;
before(() => {
  plain = synthesizeNotesStack();
  hardened = synthesizeWithContext(hardenedContext);
  minimal = synthesizeWithContext({
    accessLogs: 'false',
    tracing: 'false',
    executionLogLevel: 'OFF',
  });
});
after(() => {
  for (const synth of [plain, hardened, minimal]) synth.dispose();
});

const all = (synth: Synthesized, type: string) =>
  Object.values(resourcesOf(synth.template, type)).map(propertiesOf);
function one(synth: Synthesized, type: string): Json {
  const found = all(synth, type);
  assert.equal(found.length, 1, `one ${type}`);
  return found[0]!;
}
const distributionConfig = (synth: Synthesized) =>
  one(synth, 'AWS::CloudFront::Distribution')['DistributionConfig'] as Json;
const restStage = (synth: Synthesized) => one(synth, 'AWS::ApiGateway::Stage');

describe('options (infra/options.ts)', () => {
  it('defaults to Essentials, audit-mode threat protection only where Plus allows it, tracing, access logs, ERROR execution logs, no WAF', () => {
    assert.equal(defaultStackOptions.profile, 'default');
    assert.equal(defaultStackOptions.featurePlan, 'ESSENTIALS');
    assert.equal(defaultStackOptions.threatProtection, 'off');
    assert.equal(stackOptions((name) => ({ featurePlan: 'PLUS' })[name]).threatProtection, 'audit');
    assert.equal(defaultStackOptions.tracing, true);
    assert.equal(defaultStackOptions.accessLogs, true);
    assert.equal(defaultStackOptions.executionLogLevel, 'ERROR');
    assert.equal(defaultStackOptions.waf, false);
    assert.equal(defaultStackOptions.deletionProtection, false);
    assert.equal(defaultStackOptions.logRetentionDays, 30);
  });

  it('production protects data by default, and each option can still be set on its own', () => {
    const production = stackOptions((name) => ({ profile: 'production' })[name]);
    assert.equal(production.deletionProtection, true);
    assert.equal(production.logRetentionDays, 365);
    const overridden = stackOptions(
      (name) =>
        ({ profile: 'production', deletionProtection: 'false', logRetentionDays: '90' })[name],
    );
    assert.equal(overridden.deletionProtection, false);
    assert.equal(overridden.logRetentionDays, 90);
  });

  it('reads the sign-up allow-list (empty by default: every domain welcome), normalised and checked', () => {
    assert.deepEqual(defaultStackOptions.allowedEmailDomains, []);
    const read = (value: string) =>
      stackOptions((name) => ({ allowedEmailDomains: value })[name]).allowedEmailDomains;
    assert.deepEqual(read(' Example.com,@example.org ,example.com'), [
      'example.com',
      'example.org',
    ]);
    assert.deepEqual(read(''), []);
    assert.throws(() => read('example.com,not a domain'), /-c allowedEmailDomains: "not a domain"/);
    assert.throws(() => read('localhost'), /"localhost" is not an email domain/);
  });

  it('refuses impossible or malformed settings with a message naming the option', () => {
    const fails = (context: Record<string, string>, message: RegExp) =>
      assert.throws(() => stackOptions((name) => context[name]), message);
    fails({ profile: 'staging' }, /-c profile=staging: expected one of default, production/);
    fails({ featurePlan: 'GOLD' }, /featurePlan=GOLD/);
    fails({ threatProtection: 'audit' }, /needs -c featurePlan=PLUS/);
    fails({ waf: 'yes' }, /-c waf=yes: expected true or false/);
    fails({ wafRateLimit: '-1' }, /positive integer/);
    fails({ siteDomain: 'notes.example.com' }, /go together/);
    assert.throws(() => retentionDays(8), /cannot keep logs for 8 days/);
  });
});

describe('hardening in the template', () => {
  it('traces every function and the REST stage with X-Ray (unless -c tracing=false)', () => {
    for (const fn of all(plain, 'AWS::Lambda::Function').filter((props) =>
      String(props['Description'] ?? '').startsWith('api/'),
    ))
      assert.deepEqual(fn['TracingConfig'], { Mode: 'Active' }, String(fn['Description']));
    assert.equal(restStage(plain)['TracingEnabled'], true);
    assert.equal(restStage(minimal)['TracingEnabled'], false);
  });

  it('logs REST executions at ERROR without bodies, into a log group with retention', () => {
    const settings = (restStage(plain)['MethodSettings'] as Json[])[0]!;
    assert.equal(settings['LoggingLevel'], 'ERROR');
    assert.equal(settings['DataTraceEnabled'], false);
    const groups = all(plain, 'AWS::Logs::LogGroup').filter((group) =>
      render(group['LogGroupName'] ?? '').startsWith('API-Gateway-Execution-Logs_'),
    );
    assert.equal(groups.length, 1);
    assert.equal(render(groups[0]!['LogGroupName']).endsWith(`/${restStageName}`), true);
    assert.equal(
      ((restStage(minimal)['MethodSettings'] as Json[])[0] ?? {})['LoggingLevel'],
      'OFF',
    );
  });

  it('keeps every log group for a limited time, and every function logs into one', () => {
    for (const synth of [plain, hardened]) {
      const groups = resourcesOf(synth.template, 'AWS::Logs::LogGroup');
      for (const group of Object.values(groups))
        assert.ok(propertiesOf(group)['RetentionInDays'], JSON.stringify(group));
      const named = new Set(
        Object.values(groups).map((group) => render(propertiesOf(group)['LogGroupName'])),
      );
      for (const [id, fn] of Object.entries(resourcesOf(synth.template, 'AWS::Lambda::Function'))) {
        const logging = propertiesOf(fn)['LoggingConfig'] as Json | undefined;
        if (logging) assert.ok(referencedIds(logging['LogGroup']).size === 1, id);
        else assert.ok(named.has(`/aws/lambda/\${${id}}`), `${id} has a log group with retention`);
      }
    }
  });

  it('validates the bodies of the routes that declare a schema, against that schema', () => {
    const validator = one(plain, 'AWS::ApiGateway::RequestValidator');
    assert.equal(validator['ValidateRequestBody'], true);
    const models = resourcesOf(plain.template, 'AWS::ApiGateway::Model');
    const withBody = routes.filter((route) => route.api === 'rest' && route.body);
    assert.ok(withBody.length >= 2);
    const methods = all(plain, 'AWS::ApiGateway::Method');
    for (const route of withBody) {
      const method = methods.find(
        (candidate) =>
          candidate['HttpMethod'] === route.method &&
          Object.keys((candidate['RequestModels'] as Json | undefined) ?? {}).length > 0 &&
          JSON.stringify(
            propertiesOf(
              models[
                [...referencedIds((candidate['RequestModels'] as Json)['application/json'])][0]!
              ]!,
            )['Schema'],
          ).includes(JSON.stringify(route.body).slice(1, -1)),
      );
      assert.ok(method, `${route.method} ${route.path} validates its body`);
      assert.ok(referencedIds(method['RequestValidatorId']).size === 1);
    }
  });

  it('writes S3 and CloudFront access logs to a private log bucket that expires them', () => {
    const buckets = resourcesOf(plain.template, 'AWS::S3::Bucket');
    const [logId, log] = Object.entries(buckets).find(([id]) => id.startsWith('SiteLogBucket'))!;
    const [, site] = Object.entries(buckets).find(([id]) => id.startsWith('SiteBucket'))!;
    const logProps = propertiesOf(log);
    assert.deepEqual(logProps['PublicAccessBlockConfiguration'], {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    assert.equal(
      ((logProps['LifecycleConfiguration'] as Json)['Rules'] as Json[])[0]!['ExpirationInDays'],
      30,
    );
    const siteLogging = propertiesOf(site)['LoggingConfiguration'] as Json;
    assert.ok(referencedIds(siteLogging['DestinationBucketName']).has(logId));
    const cloudFrontLogging = distributionConfig(plain)['Logging'] as Json;
    assert.ok(referencedIds(cloudFrontLogging['Bucket']).has(logId));
    assert.equal(distributionConfig(minimal)['Logging'], undefined);
  });

  it('requires TLS 1.2 on CloudFront with a custom domain, and serves only the allowed countries', () => {
    const config = distributionConfig(hardened);
    assert.deepEqual(config['Aliases'], ['notes.example.com']);
    const certificate = config['ViewerCertificate'] as Json;
    assert.equal(certificate['MinimumProtocolVersion'], 'TLSv1.2_2021');
    assert.equal(certificate['SslSupportMethod'], 'sni-only');
    assert.equal(certificate['AcmCertificateArn'], hardenedContext.siteCertificateArn);
    assert.deepEqual((config['Restrictions'] as Json)['GeoRestriction'], {
      Locations: ['DE', 'FR'],
      RestrictionType: 'whitelist',
    });
  });

  it('puts an AWS WAF web ACL (managed common rules, per-IP rate rule) on the REST stage and, in us-east-1, on CloudFront', () => {
    assert.equal(all(plain, 'AWS::WAFv2::WebACL').length, 0, 'off by default');
    const acls = resourcesOf(hardened.template, 'AWS::WAFv2::WebACL');
    assert.deepEqual(
      Object.values(acls)
        .map((acl) => propertiesOf(acl)['Scope'])
        .sort(),
      ['CLOUDFRONT', 'REGIONAL'],
    );
    for (const acl of Object.values(acls).map(propertiesOf)) {
      const rules = acl['Rules'] as Json[];
      const rate = rules.find((rule) => rule['Name'] === 'RatePerIp')!;
      assert.deepEqual((rate['Statement'] as Json)['RateBasedStatement'], {
        Limit: 500,
        AggregateKeyType: 'IP',
      });
      const common = (
        rules.find((rule) => rule['Name'] === 'AWSManagedRulesCommonRuleSet')!['Statement'] as Json
      )['ManagedRuleGroupStatement'] as Json;
      assert.equal(common['VendorName'], 'AWS');
      assert.deepEqual(
        (common['RuleActionOverrides'] as Json[]).map((override) => override['Name']),
        [...countedCommonRules],
      );
    }
    const [regional] = Object.entries(acls).find(
      ([, acl]) => propertiesOf(acl)['Scope'] === 'REGIONAL',
    )!;
    const association = one(hardened, 'AWS::WAFv2::WebACLAssociation');
    assert.ok(referencedIds(association['WebACLArn']).has(regional));
    assert.match(render(association['ResourceArn']), /\/stages\//);
    const [cloudFrontId, cloudFront] = Object.entries(acls).find(
      ([, acl]) => propertiesOf(acl)['Scope'] === 'CLOUDFRONT',
    )!;
    assert.ok(cloudFront['Condition'], 'created only where CloudFront web ACLs can exist');
    assert.ok(referencedIds(distributionConfig(hardened)['WebACLId']).has(cloudFrontId));
  });

  it('sets the Cognito feature plan, threat protection and the SES sender from the options', () => {
    const pool = one(plain, 'AWS::Cognito::UserPool');
    assert.equal(pool['UserPoolTier'], 'ESSENTIALS');
    assert.equal(pool['UserPoolAddOns'], undefined);
    const plus = one(hardened, 'AWS::Cognito::UserPool');
    assert.equal(plus['UserPoolTier'], 'PLUS');
    assert.deepEqual(plus['UserPoolAddOns'], { AdvancedSecurityMode: 'AUDIT' });
    const email = plus['EmailConfiguration'] as Json;
    assert.equal(email['EmailSendingAccount'], 'DEVELOPER');
    assert.equal(email['From'], 'Notes <notes@example.com>');
    assert.match(
      render(email['SourceArn']),
      /:ses:\$\{AWS::Region\}:.*:identity\/notes@example\.com$/,
    );
  });
});
