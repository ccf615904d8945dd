/**
 * aws-amplify v6, unchanged, in Node against the local pool: choice-based sign-in with an
 * emailed code, the first-factor selection, and passwordless sign-up with autoSignIn. (Passkeys
 * need a browser's navigator.credentials: e2e/passkeys.spec.ts drives them in Chromium.)
 * Amplify is a process-wide singleton, so this file runs one pool and one journey at a time.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  autoSignIn,
  confirmSignIn,
  confirmSignUp,
  fetchUserAttributes,
  signIn,
  signOut,
  signUp,
} from 'aws-amplify/auth';
import { createConfirmedUser, strongPassword, uniqueEmail, type TestPool } from './testing/pool.ts';
import { startAmplifyPool } from './testing/amplify.ts';

describe('aws-amplify v6: passwordless sign-in and sign-up against the local pool', () => {
  let pool: TestPool;
  before(async () => {
    pool = await startAmplifyPool();
  });
  afterEach(() => signOut());
  after(() => pool.stop());

  it('signs in with an emailed code (USER_AUTH, preferredChallenge EMAIL_OTP)', async () => {
    const email = uniqueEmail('amplify-otp');
    await createConfirmedUser(pool, email);
    const started = await signIn({
      username: email,
      options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' },
    });
    assert.equal(started.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    const code = await pool.lastCode(email);
    assert.match(code, /^\d{8}$/);
    const done = await confirmSignIn({ challengeResponse: code });
    assert.deepEqual(done, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    assert.equal((await fetchUserAttributes()).email, email);
  });

  it('lets a wrong code be retried, then signs in with the right one', async () => {
    const email = uniqueEmail('amplify-otp-retry');
    await createConfirmedUser(pool, email);
    await signIn({
      username: email,
      options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' },
    });
    const code = await pool.lastCode(email);
    await assert.rejects(
      confirmSignIn({ challengeResponse: code === '00000000' ? '1' : '00000000' }),
      {
        name: 'CodeMismatchException',
      },
    );
    const done = await confirmSignIn({ challengeResponse: code });
    assert.equal(done.isSignedIn, true);
  });

  it('offers the first-factor selection and signs in with the chosen password', async () => {
    const email = uniqueEmail('amplify-select');
    await createConfirmedUser(pool, email);
    const started = await signIn({ username: email, options: { authFlowType: 'USER_AUTH' } });
    assert.equal(started.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
    assert.deepEqual((started.nextStep as { availableChallenges?: string[] }).availableChallenges, [
      'PASSWORD',
      'PASSWORD_SRP',
      'EMAIL_OTP',
    ]);
    const chosen = await confirmSignIn({ challengeResponse: 'PASSWORD_SRP' });
    assert.equal(chosen.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_PASSWORD');
    const done = await confirmSignIn({ challengeResponse: strongPassword });
    assert.equal(done.isSignedIn, true);
  });

  it('creates an account without a password and signs it in with autoSignIn', async (t) => {
    const email = uniqueEmail('amplify-passwordless');
    // signUp with autoSignIn starts a 3-minute timer that Amplify does not clear once signed in;
    // unref'd, it does not keep this file running for 3 minutes after its last test.
    const { setTimeout: schedule } = globalThis;
    t.mock.method(globalThis, 'setTimeout', ((...args: Parameters<typeof schedule>) =>
      schedule(...args).unref()) as typeof schedule);
    const up = await signUp({
      username: email,
      options: { userAttributes: { email }, autoSignIn: { authFlowType: 'USER_AUTH' } },
    });
    t.mock.restoreAll();
    assert.equal(up.nextStep.signUpStep, 'CONFIRM_SIGN_UP');
    const confirmed = await confirmSignUp({
      username: email,
      confirmationCode: await pool.lastCode(email),
    });
    assert.equal(confirmed.nextStep.signUpStep, 'COMPLETE_AUTO_SIGN_IN');
    const signedIn = await autoSignIn();
    assert.deepEqual(signedIn, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    assert.equal((await fetchUserAttributes()).email, email);

    // Later sign-ins: an emailed code is the only way in until a passkey is added.
    await signOut();
    const again = await signIn({ username: email, options: { authFlowType: 'USER_AUTH' } });
    assert.deepEqual((again.nextStep as { availableChallenges?: string[] }).availableChallenges, [
      'EMAIL_OTP',
    ]);
    const otp = await confirmSignIn({ challengeResponse: 'EMAIL_OTP' });
    assert.equal(otp.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    const done = await confirmSignIn({ challengeResponse: await pool.lastCode(email) });
    assert.equal(done.isSignedIn, true);
  });
});
