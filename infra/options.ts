/**
 * Deploy-time options of the Notes stack, each with a safe default, read from CDK context
 * (`-c key=value`). `infra/README.md` lists what each costs. `-c profile=production` changes
 * the defaults that protect data (deletion protection, RETAIN, longer log retention); every
 * option can still be set on its own.
 */

import { emailDomainsSetting } from '../api/pool.ts';

export type Profile = 'default' | 'production';
export type CognitoFeaturePlan = 'LITE' | 'ESSENTIALS' | 'PLUS';
/** Cognito threat protection: only on the Plus plan. `audit` logs risks without acting on them. */
export type ThreatProtection = 'off' | 'audit' | 'enforced';
export type ExecutionLogLevel = 'OFF' | 'ERROR' | 'INFO';

export interface SesSender {
  /** A verified SES identity (address or domain) to send Cognito's emails from. */
  readonly fromEmail: string;
  /** Friendly name shown as the sender. */
  readonly fromName?: string;
  /** Region of the SES identity (default: the stack's region). */
  readonly region?: string;
  /** Optional SES configuration set (delivery events, dedicated IPs). */
  readonly configurationSet?: string;
}

export interface SiteDomain {
  /** e.g. `notes.example.com` (point a CNAME/alias at the distribution). */
  readonly domainName: string;
  /** ACM certificate in us-east-1 covering `domainName`. */
  readonly certificateArn: string;
}

export interface StackOptions {
  readonly profile: Profile;
  /**
   * Cognito feature plan. Essentials by default: MFA by email and passwordless (WebAuthn, email
   * OTP) need it; Plus adds threat protection.
   */
  readonly featurePlan: CognitoFeaturePlan;
  /** Default `audit` on Plus, `off` otherwise (the other plans do not offer it). */
  readonly threatProtection: ThreatProtection;
  /** Send Cognito's emails through SES instead of Cognito's own (about 50 a day) sender. */
  readonly sesSender: SesSender | undefined;
  /** Cognito and DynamoDB deletion protection, RETAIN for pool, table and logs. */
  readonly deletionProtection: boolean;
  /** Days every log group keeps its events (Lambda, API access and execution logs). */
  readonly logRetentionDays: number;
  /** Access logs of the site bucket and CloudFront into a log bucket. */
  readonly accessLogs: boolean;
  /** Days the log bucket keeps access logs. */
  readonly accessLogRetentionDays: number;
  /** X-Ray tracing of the functions and the REST stage. */
  readonly tracing: boolean;
  /** REST stage execution logging (never request/response bodies). */
  readonly executionLogLevel: ExecutionLogLevel;
  /** AWS WAF web ACLs (AWS managed common rules + a per-IP rate rule) on the API and the site. */
  readonly waf: boolean;
  /** Requests per IP per 5 minutes before the rate rule blocks. */
  readonly wafRateLimit: number;
  /** An existing CLOUDFRONT-scope web ACL (us-east-1) for the site when the stack is elsewhere. */
  readonly siteWebAclArn: string | undefined;
  /** A custom domain for the site, so CloudFront can require TLS 1.2. */
  readonly siteDomain: SiteDomain | undefined;
  /** Countries (ISO 3166-1 alpha-2) the site is served to; everywhere when empty. */
  readonly geoAllowList: readonly string[];
  /**
   * Email domains that may sign up (the pre sign-up trigger's allow-list); every domain when
   * empty. Default: `allowedEmailDomains` of api/pool.ts (locally: ALLOWED_EMAIL_DOMAINS).
   */
  readonly allowedEmailDomains: readonly string[];
  /**
   * CloudWatch alarms (function errors and throttles, API 5xx rate, DynamoDB throttles) into an
   * SNS topic. Default: on in production.
   */
  readonly alarms: boolean;
  /** An address subscribed to the alarm topic (confirmed from the email AWS sends). */
  readonly alarmEmail: string | undefined;
}

export type ContextReader = (name: string) => string | undefined;

const profiles: readonly Profile[] = ['default', 'production'];
const plans: readonly CognitoFeaturePlan[] = ['LITE', 'ESSENTIALS', 'PLUS'];
const threatModes: readonly ThreatProtection[] = ['off', 'audit', 'enforced'];
const logLevels: readonly ExecutionLogLevel[] = ['OFF', 'ERROR', 'INFO'];

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (!found) throw new Error(`-c ${name}=${value}: expected one of ${allowed.join(', ')}`);
  return found;
}

function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`-c ${name}=${value}: expected true or false`);
}

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new Error(`-c ${name}=${value}: expected a positive integer`);
  return parsed;
}

function alarmEmail(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value))
    throw new Error(`-c alarmEmail=${value}: expected an email address`);
  return value;
}

/** The options for a context (`app.node.tryGetContext`); throws a one-line error on bad input. */
export function stackOptions(context: ContextReader): StackOptions {
  const profile = oneOf('profile', context('profile') ?? 'default', profiles);
  const production = profile === 'production';
  const featurePlan = oneOf('featurePlan', context('featurePlan') ?? 'ESSENTIALS', plans);
  const threatProtection = oneOf(
    'threatProtection',
    context('threatProtection') ?? (featurePlan === 'PLUS' ? 'audit' : 'off'),
    threatModes,
  );
  if (threatProtection !== 'off' && featurePlan !== 'PLUS')
    throw new Error(
      `-c threatProtection=${threatProtection} needs -c featurePlan=PLUS (Cognito offers threat protection on Plus only)`,
    );
  const fromEmail = context('sesFromEmail');
  const domainName = context('siteDomain');
  const certificateArn = context('siteCertificateArn');
  if (Boolean(domainName) !== Boolean(certificateArn))
    throw new Error('-c siteDomain and -c siteCertificateArn go together');
  const region = context('sesRegion');
  const fromName = context('sesFromName');
  const configurationSet = context('sesConfigurationSet');
  if (context('alarmEmail') && context('alarms') === 'false')
    throw new Error('-c alarmEmail needs the alarms: drop -c alarms=false');
  return {
    profile,
    featurePlan,
    threatProtection,
    sesSender: fromEmail
      ? {
          fromEmail,
          ...(fromName ? { fromName } : {}),
          ...(region ? { region } : {}),
          ...(configurationSet ? { configurationSet } : {}),
        }
      : undefined,
    deletionProtection: flag('deletionProtection', context('deletionProtection'), production),
    logRetentionDays: count('logRetentionDays', context('logRetentionDays'), production ? 365 : 30),
    accessLogs: flag('accessLogs', context('accessLogs'), true),
    accessLogRetentionDays: count(
      'accessLogRetentionDays',
      context('accessLogRetentionDays'),
      production ? 365 : 30,
    ),
    tracing: flag('tracing', context('tracing'), true),
    executionLogLevel: oneOf(
      'executionLogLevel',
      context('executionLogLevel') ?? 'ERROR',
      logLevels,
    ),
    waf: flag('waf', context('waf'), false),
    wafRateLimit: count('wafRateLimit', context('wafRateLimit'), 1000),
    siteWebAclArn: context('siteWebAclArn') || undefined,
    siteDomain: domainName && certificateArn ? { domainName, certificateArn } : undefined,
    geoAllowList: (context('geoAllowList') ?? '')
      .split(',')
      .map((code) => code.trim().toUpperCase())
      .filter(Boolean),
    // An address to notify implies the alarms.
    alarms: flag('alarms', context('alarms'), production || Boolean(context('alarmEmail'))),
    alarmEmail: alarmEmail(context('alarmEmail')),
    allowedEmailDomains: emailDomainsSetting(
      context('allowedEmailDomains'),
      '-c allowedEmailDomains',
    ),
  };
}

/** The defaults, as a plain `cdk synth` gets them. */
export const defaultStackOptions: StackOptions = stackOptions(() => undefined);
