import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describePasswordPolicy,
  offeredMfaFactors,
  passwordProblem,
  unmetPasswordRules,
  userPool,
} from './pool.ts';

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

describe('unmetPasswordRules', () => {
  const policy = userPool.passwordPolicy;

  it('lists every rule a password breaks, in the order Cognito checks them', () => {
    assert.deepEqual(unmetPasswordRules(policy, 'abcde'), [
      'at least 8 characters',
      'an upper-case letter',
      'a number',
      'a symbol such as ! ? # or -',
    ]);
    assert.deepEqual(unmetPasswordRules(policy, ' Abcdef-1'), ['no space at the start or end']);
    assert.equal(passwordProblem(policy, 'ABCDEFGH1!'), 'The password needs a lower-case letter.');
  });

  it('accepts what Cognito accepts, a space inside counting as a symbol', () => {
    assert.deepEqual(unmetPasswordRules(policy, 'Correct-Horse-42'), []);
    assert.deepEqual(unmetPasswordRules(policy, 'Correct Horse 42'), []);
    assert.equal(passwordProblem(policy, 'Correct-Horse-42'), null);
  });
});

describe('offeredMfaFactors', () => {
  it('offers the declared factors: an authenticator app and email codes', () => {
    assert.equal(userPool.mfa.mode, 'OPTIONAL');
    assert.deepEqual(offeredMfaFactors(userPool.mfa), ['TOTP', 'EMAIL']);
  });

  it('drops email where the deployment cannot send it, and everything when MFA is off', () => {
    assert.deepEqual(offeredMfaFactors(userPool.mfa, false), ['TOTP']);
    assert.deepEqual(offeredMfaFactors({ ...userPool.mfa, mode: 'OFF' }), []);
  });

  it('has an email template with the code placeholder Cognito requires', () => {
    assert.match(userPool.mfa.emailMessage.message, /\{####\}/);
  });
});
