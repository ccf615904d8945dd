import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePolicy, policyProblem, type PolicyDocument } from './policy.ts';

const arn = 'arn:aws:execute-api:us-east-1:123456789012:l0ca1n0tes/local/GET/custom/me';
const statement = (
  Effect: 'Allow' | 'Deny',
  Resource: string | string[],
  Action: string | string[] = 'execute-api:Invoke',
) => ({ Effect, Action, Resource });
const policy = (...Statement: PolicyDocument['Statement']): PolicyDocument => ({
  Version: '2012-10-17',
  Statement,
});

describe('IAM policy evaluation against a method ARN', () => {
  it('allows the exact ARN', () =>
    assert.equal(evaluatePolicy(policy(statement('Allow', arn)), arn), 'allow'));
  it('allows by * wildcard across slashes', () =>
    assert.equal(
      evaluatePolicy(
        policy(statement('Allow', 'arn:aws:execute-api:us-east-1:123456789012:l0ca1n0tes/*')),
        arn,
      ),
      'allow',
    ));
  it('allows by ? wildcard for one character', () =>
    assert.equal(
      evaluatePolicy(policy(statement('Allow', arn.replace('GET', 'G?T'))), arn),
      'allow',
    ));
  it('denies another verb implicitly', () =>
    assert.equal(
      evaluatePolicy(policy(statement('Allow', arn.replace('GET', 'DELETE'))), arn),
      'implicit-deny',
    ));
  it('lets an explicit Deny win over an Allow', () =>
    assert.equal(
      evaluatePolicy(policy(statement('Allow', '*'), statement('Deny', '*/GET/*')), arn),
      'explicit-deny',
    ));
  it('matches actions case-insensitively and with wildcards', () => {
    assert.equal(
      evaluatePolicy(policy(statement('Allow', arn, 'EXECUTE-API:invoke')), arn),
      'allow',
    );
    assert.equal(evaluatePolicy(policy(statement('Allow', arn, 'execute-api:*')), arn), 'allow');
    assert.equal(
      evaluatePolicy(policy(statement('Allow', arn, 's3:GetObject')), arn),
      'implicit-deny',
    );
  });
  it('matches resources case-sensitively', () =>
    assert.equal(
      evaluatePolicy(policy(statement('Allow', arn.replace('custom', 'CUSTOM'))), arn),
      'implicit-deny',
    ));
  it('treats regex characters in a resource literally', () =>
    assert.equal(
      evaluatePolicy(policy(statement('Allow', arn.replace('custom', 'cust.m'))), arn),
      'implicit-deny',
    ));
  it('names what is wrong with a malformed policy', () => {
    assert.match(policyProblem({ Statement: [] })!, /no Statement/);
    assert.match(
      policyProblem({ Statement: [{ Effect: 'Maybe', Action: 'a', Resource: 'r' }] })!,
      /Effect/,
    );
    assert.match(policyProblem({ Statement: { Effect: 'Allow', Resource: 'r' } })!, /Action/);
    assert.equal(
      policyProblem({ Statement: { Effect: 'Allow', Action: 'a', Resource: ['r'] } }),
      undefined,
    );
  });
});
