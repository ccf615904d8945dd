import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePasswordPolicy, userPool } from './pool.ts';

describe('describePasswordPolicy', () => {
  it('states the declared pool policy in one sentence', () => {
    assert.equal(
      describePasswordPolicy(userPool.passwordPolicy),
      'At least 8 characters, with upper- and lower-case letters, a number and a symbol.',
    );
  });

  it('follows the policy when it changes', () => {
    const relaxed = {
      ...userPool.passwordPolicy,
      minimumLength: 12,
      requireUppercase: false,
      requireSymbols: false,
    };
    assert.equal(
      describePasswordPolicy(relaxed),
      'At least 12 characters, with a lower-case letter and a number.',
    );
    const lengthOnly = { ...relaxed, requireLowercase: false, requireNumbers: false };
    assert.equal(describePasswordPolicy(lengthOnly), 'At least 12 characters.');
  });
});
