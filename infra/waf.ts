/**
 * The optional AWS WAF web ACL (`-c waf=true`): AWS's managed common rule set and a per-IP rate
 * rule, in front of the REST API (REGIONAL) and the site (CLOUDFRONT, us-east-1 only).
 */
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/**
 * Rules of the common rule set switched to count-only, and why: notes are up to 100 000
 * characters (the body-size rule blocks above 8 KB), and a note may well contain text that
 * looks like markup — the SPA renders notes as text, never as HTML.
 */
export const countedCommonRules = ['SizeRestrictions_BODY', 'CrossSiteScripting_BODY'] as const;

export function webAcl(
  scope: Construct,
  id: string,
  aclScope: 'REGIONAL' | 'CLOUDFRONT',
  ratePer5Minutes: number,
): CfnWebACL {
  const metrics = (name: string) => ({
    cloudWatchMetricsEnabled: true,
    metricName: `${id}-${name}`,
    sampledRequestsEnabled: true,
  });
  return new CfnWebACL(scope, id, {
    scope: aclScope,
    defaultAction: { allow: {} },
    description: `Notes ${aclScope === 'REGIONAL' ? 'REST API' : 'site'}: AWS common rules + per-IP rate limit`,
    visibilityConfig: metrics('all'),
    rules: [
      {
        name: 'RatePerIp',
        priority: 0,
        action: { block: {} },
        statement: {
          rateBasedStatement: { limit: ratePer5Minutes, aggregateKeyType: 'IP' },
        },
        visibilityConfig: metrics('rate'),
      },
      {
        name: 'AWSManagedRulesCommonRuleSet',
        priority: 1,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name: 'AWSManagedRulesCommonRuleSet',
            ruleActionOverrides: countedCommonRules.map((name) => ({
              name,
              actionToUse: { count: {} },
            })),
          },
        },
        visibilityConfig: metrics('common'),
      },
    ],
  });
}
