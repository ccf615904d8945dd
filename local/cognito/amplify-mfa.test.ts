/**
 * aws-amplify v6, unchanged, in Node: turning on an authenticator app and email codes, and signing
 * in with each (and choosing between them), as the SPA does. Codes come from otpauth and the
 * secret Amplify received, at the pool's clock (advanced past each used 30-second step).
 * Amplify is a process-wide singleton, so this file has its own process and pool.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  confirmSignIn,
  fetchAuthSession,
  fetchMFAPreference,
  setUpTOTP,
  signIn,
  signOut,
  updateMFAPreference,
  verifyTOTPSetup,
} from 'aws-amplify/auth';
import {
  AdminCreateUserCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';
import { ManualClock } from '../testing/clock.ts';
import {
  createConfirmedUser,
  poolId,
  strongPassword,
  uniqueEmail,
  type TestPool,
} from './testing/pool.ts';
import { startAmplifyPool, stopAmplifyPool } from './testing/amplify.ts';

describe('aws-amplify v6 MFA against the local pool', () => {
  // Follows real time (Amplify compares token times with its own clock) but can jump 30 s.
  const clock = new ManualClock(Date.now());
  let pool: TestPool;
  const totp = (secret: string): string =>
    TOTP.generate({
      secret: Secret.fromBase32(secret),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      timestamp: clock.now(),
    });

  before(async () => {
    pool = await startAmplifyPool({ clock });
  });
  after(() => stopAmplifyPool(pool));

  it('sets up TOTP, prefers it, and signs in with password + TOTP code', async () => {
    const email = uniqueEmail('amplify-totp');
    await createConfirmedUser(pool, email);
    assert.equal((await signIn({ username: email, password: strongPassword })).isSignedIn, true);

    const setup = await setUpTOTP();
    assert.match(setup.sharedSecret, /^[A-Z2-7]{32}$/);
    assert.match(setup.getSetupUri('Notes', email).href, /^otpauth:\/\/totp\/Notes:/);
    await verifyTOTPSetup({ code: totp(setup.sharedSecret) });
    await updateMFAPreference({ totp: 'PREFERRED' });
    assert.deepEqual(await fetchMFAPreference(), { preferred: 'TOTP', enabled: ['TOTP'] });
    await signOut();

    clock.advance(30_000);
    const first = await signIn({ username: email, password: strongPassword });
    assert.deepEqual(first, {
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    await assert.rejects(
      confirmSignIn({
        challengeResponse: '000000' === totp(setup.sharedSecret) ? '111111' : '000000',
      }),
      {
        name: 'CodeMismatchException',
      },
    );
    const done = await confirmSignIn({ challengeResponse: totp(setup.sharedSecret) });
    assert.deepEqual(done, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    const session = await fetchAuthSession();
    assert.equal(session.tokens?.idToken?.payload['email'], email);

    // Turning it off again: the next sign-in needs the password only.
    await updateMFAPreference({ totp: 'DISABLED' });
    assert.deepEqual(await fetchMFAPreference(), { preferred: undefined, enabled: undefined });
    await signOut();
    assert.equal((await signIn({ username: email, password: strongPassword })).isSignedIn, true);
    await signOut();
  });

  it('signs in with an email code (CONFIRM_SIGN_IN_WITH_EMAIL_CODE)', async () => {
    const email = uniqueEmail('amplify-email');
    await createConfirmedUser(pool, email);
    await signIn({ username: email, password: strongPassword });
    await updateMFAPreference({ email: 'PREFERRED' });
    assert.deepEqual(await fetchMFAPreference(), { preferred: 'EMAIL', enabled: ['EMAIL'] });
    await signOut();

    const first = await signIn({ username: email, password: strongPassword });
    assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    assert.ok(first.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    assert.deepEqual(first.nextStep.codeDeliveryDetails, {
      deliveryMedium: 'EMAIL',
      destination: 'a***@e***',
    });
    const done = await confirmSignIn({ challengeResponse: await pool.lastCode(email) });
    assert.equal(done.isSignedIn, true);
    await signOut();
  });

  it('lets a person choose between two factors (CONTINUE_SIGN_IN_WITH_MFA_SELECTION)', async () => {
    const email = uniqueEmail('amplify-select');
    await createConfirmedUser(pool, email);
    await signIn({ username: email, password: strongPassword });
    const setup = await setUpTOTP();
    await verifyTOTPSetup({ code: totp(setup.sharedSecret) });
    await updateMFAPreference({ totp: 'ENABLED', email: 'ENABLED' });
    assert.deepEqual(await fetchMFAPreference(), {
      preferred: undefined,
      enabled: ['TOTP', 'EMAIL'],
    });
    await signOut();

    clock.advance(30_000);
    const first = await signIn({ username: email, password: strongPassword });
    assert.deepEqual(first, {
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION',
        allowedMFATypes: ['TOTP', 'EMAIL'],
      },
    });
    const chosen = await confirmSignIn({ challengeResponse: 'TOTP' });
    assert.equal(chosen.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    const done = await confirmSignIn({ challengeResponse: totp(setup.sharedSecret) });
    assert.equal(done.isSignedIn, true);
    await signOut();
  });

  it('sets up TOTP during sign-in when the pool requires MFA (CONTINUE_SIGN_IN_WITH_TOTP_SETUP)', async () => {
    await pool.sdk.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON' }),
    );
    try {
      const email = uniqueEmail('amplify-setup');
      await pool.sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: email,
          TemporaryPassword: 'Temp0rary!pass',
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      );
      const first = await signIn({ username: email, password: 'Temp0rary!pass' });
      assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
      const setupStep = await confirmSignIn({ challengeResponse: strongPassword });
      assert.equal(setupStep.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
      assert.ok(setupStep.nextStep.signInStep === 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
      const secret = setupStep.nextStep.totpSetupDetails.sharedSecret;
      const done = await confirmSignIn({ challengeResponse: totp(secret) });
      assert.deepEqual(done, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
      assert.deepEqual((await fetchMFAPreference()).enabled, ['TOTP']);
      await signOut();
    } finally {
      await pool.sdk.send(
        new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL' }),
      );
    }
  });
});
