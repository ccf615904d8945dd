/**
 * aws-amplify v6, unchanged, in Node: a pre sign-up trigger that auto-confirms makes Amplify's
 * signUp complete at once (COMPLETE_AUTO_SIGN_IN), and autoSignIn signs the new account in,
 * with a password (SRP) and without one (USER_AUTH with SignUp's Session).
 * Amplify is a process-wide singleton, so this file runs one pool and one journey at a time.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { autoSignIn, fetchUserAttributes, signOut, signUp } from 'aws-amplify/auth';
import { startAmplifyPool, stopAmplifyPool } from './testing/amplify.ts';
import { strongPassword, type TestPool } from './testing/pool.ts';

let counter = 0;
/** `confirm-verify.…` addresses are auto-confirmed and verified by the test trigger. */
const autoConfirmedEmail = () => `confirm-verify.amplify.${process.pid}.${++counter}@example.com`;

describe('aws-amplify v6: sign-up auto-confirmed by the pre sign-up trigger', () => {
  let pool: TestPool;
  before(async () => {
    pool = await startAmplifyPool({
      triggers: {
        handlers: {
          preSignUp: { module: 'local/cognito/testing/triggers.ts', export: 'autoAnswers' },
        },
      },
    });
  });
  afterEach(() => signOut());
  after(() => stopAmplifyPool(pool));

  it('with a password: signUp is complete at once and autoSignIn signs in', async () => {
    const email = autoConfirmedEmail();
    const up = await signUp({
      username: email,
      password: strongPassword,
      options: { userAttributes: { email }, autoSignIn: true },
    });
    assert.equal(up.isSignUpComplete, true);
    assert.equal(up.nextStep.signUpStep, 'COMPLETE_AUTO_SIGN_IN');
    assert.deepEqual(await pool.mailbox(email), [], 'no code was sent');
    const signedIn = await autoSignIn();
    assert.deepEqual(signedIn, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    const attributes = await fetchUserAttributes();
    assert.equal(attributes.email, email);
    assert.equal(attributes.email_verified, 'true');
  });

  it('without a password: autoSignIn uses the Session SignUp returned (USER_AUTH)', async () => {
    const email = autoConfirmedEmail();
    const up = await signUp({
      username: email,
      options: { userAttributes: { email }, autoSignIn: { authFlowType: 'USER_AUTH' } },
    });
    assert.equal(up.nextStep.signUpStep, 'COMPLETE_AUTO_SIGN_IN');
    const signedIn = await autoSignIn();
    assert.deepEqual(signedIn, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    assert.equal((await fetchUserAttributes()).email, email);
    assert.deepEqual(await pool.mailbox(email), [], 'no code was sent, not even a sign-in code');
  });
});
