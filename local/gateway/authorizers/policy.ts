/**
 * Evaluates a Lambda authorizer's IAM policy against a method ARN
 * (`arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/{resource}`) as IAM does:
 * an explicit Deny wins, else any Allow, else an implicit deny. `*` matches any run of
 * characters (slashes included) and `?` one character, in both Action and Resource.
 */

export type PolicyDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

export interface PolicyStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
}

export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: readonly PolicyStatement[];
}

const patternCache = new Map<string, RegExp>();

/** Action names compare case-insensitively in IAM, ARNs case-sensitively. */
function wildcard(pattern: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  let compiled = patternCache.get(key);
  if (!compiled) {
    const source = pattern
      .split('')
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    compiled = new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
    if (patternCache.size > 1000) patternCache.clear();
    patternCache.set(key, compiled);
  }
  return compiled;
}

const list = (value: string | readonly string[]): readonly string[] =>
  typeof value === 'string' ? [value] : value;

const matches = (statement: PolicyStatement, methodArn: string): boolean =>
  list(statement.Action).some((action) => wildcard(action, true).test('execute-api:Invoke')) &&
  list(statement.Resource).some((resource) => wildcard(resource, false).test(methodArn));

export function evaluatePolicy(policy: PolicyDocument, methodArn: string): PolicyDecision {
  const applicable = policy.Statement.filter((statement) => matches(statement, methodArn));
  if (applicable.some((statement) => statement.Effect === 'Deny')) return 'explicit-deny';
  return applicable.some((statement) => statement.Effect === 'Allow') ? 'allow' : 'implicit-deny';
}

/** Checks the shape API Gateway requires; returns why it is malformed, or undefined. */
export function policyProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'policyDocument is not an object';
  const statements = (value as { Statement?: unknown }).Statement;
  const all = Array.isArray(statements)
    ? statements
    : statements !== undefined
      ? [statements]
      : undefined;
  if (!all || all.length === 0) return 'policyDocument has no Statement';
  for (const statement of all as unknown[]) {
    if (typeof statement !== 'object' || statement === null) return 'a Statement is not an object';
    const { Effect, Action, Resource } = statement as Record<string, unknown>;
    if (Effect !== 'Allow' && Effect !== 'Deny')
      return `Effect ${String(Effect)} is neither Allow nor Deny`;
    const isStrings = (v: unknown) =>
      typeof v === 'string' ||
      (Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string'));
    if (!isStrings(Action)) return 'a Statement has no Action';
    if (!isStrings(Resource)) return 'a Statement has no Resource';
  }
  return undefined;
}

/** A policy whose Statement may be a single object (IAM allows it) made uniform. */
export function normalizePolicy(value: unknown): PolicyDocument {
  const document = value as { Version?: string; Statement: PolicyStatement | PolicyStatement[] };
  return {
    ...document,
    Statement: Array.isArray(document.Statement) ? document.Statement : [document.Statement],
  };
}
