/**
 * aws-amplify v6, unchanged, in Node against the local pool: the journey the SPA makes.
 * Amplify is a process-wide singleton, so this file runs one pool and one journey at a time.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  confirmResetPassword,
  confirmSignIn,
  resendSignUpCode,
  confirmSignUp,
  deleteUser,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  resetPassword,
  signIn,
  signOut,
  signUp,
  updatePassword,
} from 'aws-amplify/auth';
import { AdminCreateUserCommand, GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { poolId, strongPassword, uniqueEmail, type TestPool } from './testing/pool.ts';
import { startAmplifyPool } from './testing/amplify.ts';

describe('aws-amplify v6 against the local pool', () => {
  let pool: TestPool;
  before(async () => {
    pool = await startAmplifyPool();
  });
  after(() => pool.stop());

  it('signs up, confirms with the mailed code, signs in with SRP, refreshes and signs out globally', async () => {
    const email = uniqueEmail('amplify');
    const up = await signUp({
      username: email,
      password: strongPassword,
      options: { userAttributes: { email } },
    });
    assert.equal(up.nextStep.signUpStep, 'CONFIRM_SIGN_UP');
    assert.match(up.userId ?? '', /^[0-9a-f-]{36}$/);

    const confirmed = await confirmSignUp({
      username: email,
      confirmationCode: await pool.lastCode(email),
    });
    assert.equal(confirmed.isSignUpComplete, true);

    const signedIn = await signIn({ username: email, password: strongPassword });
    assert.deepEqual(signedIn, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });

    const current = await getCurrentUser();
    assert.equal(current.userId, up.userId);
    assert.equal(current.username, up.userId, 'the canonical username is the sub UUID');

    const session = await fetchAuthSession();
    const idPayload = session.tokens?.idToken?.payload;
    assert.equal(idPayload?.['email'], email);
    assert.equal(idPayload?.['iss'], pool.server.issuer);
    const firstAccess = session.tokens!.accessToken.toString();

    const refreshed = await fetchAuthSession({ forceRefresh: true });
    const secondAccess = refreshed.tokens!.accessToken.toString();
    assert.notEqual(secondAccess, firstAccess, 'a forced refresh issues a new access token');
    assert.equal(
      refreshed.tokens?.accessToken.payload['origin_jti'],
      session.tokens?.accessToken.payload['origin_jti'],
    );

    const attributes = await fetchUserAttributes();
    assert.equal(attributes.email, email);
    assert.equal(attributes.email_verified, 'true');

    await signOut({ global: true });
    const after = await fetchAuthSession();
    assert.equal(after.tokens, undefined);
    // The access token from before the global sign-out is revoked server-side.
    await assert.rejects(pool.sdk.send(new GetUserCommand({ AccessToken: secondAccess })), {
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
  });

  it('rejects a wrong password over SRP with NotAuthorizedException', async () => {
    const email = uniqueEmail('amplify-wrong');
    await signUp({
      username: email,
      password: strongPassword,
      options: { userAttributes: { email } },
    });
    await confirmSignUp({ username: email, confirmationCode: await pool.lastCode(email) });
    await assert.rejects(signIn({ username: email, password: 'Wr0ng-Password!' }), {
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('sends an unconfirmed user to CONFIRM_SIGN_UP', async () => {
    const email = uniqueEmail('amplify-unconfirmed');
    await signUp({
      username: email,
      password: strongPassword,
      options: { userAttributes: { email } },
    });
    const result = await signIn({ username: email, password: strongPassword });
    assert.equal(result.isSignedIn, false);
    assert.equal(result.nextStep.signInStep, 'CONFIRM_SIGN_UP');
  });

  it('answers an unknown user like a wrong password', async () => {
    await assert.rejects(signIn({ username: uniqueEmail('nobody'), password: strongPassword }), {
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('resets a forgotten password, changes it, and deletes the account', async () => {
    const email = uniqueEmail('amplify-reset');
    await signUp({
      username: email,
      password: strongPassword,
      options: { userAttributes: { email } },
    });
    await confirmSignUp({ username: email, confirmationCode: await pool.lastCode(email) });

    const reset = await resetPassword({ username: email });
    assert.equal(reset.nextStep.resetPasswordStep, 'CONFIRM_RESET_PASSWORD_WITH_CODE');
    const newPassword = 'N3w-Password!';
    await confirmResetPassword({
      username: email,
      confirmationCode: await pool.lastCode(email),
      newPassword,
    });

    await signIn({ username: email, password: newPassword });
    await updatePassword({ oldPassword: newPassword, newPassword: 'Th1rd-Password!' });
    const beforeSignOut = (await fetchAuthSession()).tokens!.accessToken.toString();
    await signOut();
    // A local sign-out sends RevokeToken (the token has origin_jti), which also revokes its access tokens.
    await assert.rejects(pool.sdk.send(new GetUserCommand({ AccessToken: beforeSignOut })), {
      message: 'Access Token has been revoked',
    });
    await signIn({ username: email, password: 'Th1rd-Password!' });
    await deleteUser();
    await assert.rejects(signIn({ username: email, password: 'Th1rd-Password!' }), {
      name: 'NotAuthorizedException',
    });
  });

  it('resends the sign-up code', async () => {
    const email = uniqueEmail('amplify-resend');
    await signUp({
      username: email,
      password: strongPassword,
      options: { userAttributes: { email } },
    });
    const resent = await resendSignUpCode({ username: email });
    assert.equal(resent.deliveryMedium, 'EMAIL');
    assert.equal((await pool.mailbox(email)).length, 2);
    await confirmSignUp({ username: email, confirmationCode: await pool.lastCode(email) });
  });

  it('takes an administrator-created user through the new-password step', async () => {
    const email = uniqueEmail('amplify-invited');
    await pool.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: email,
        TemporaryPassword: 'Temp-Passw0rd!',
      }),
    );
    const first = await signIn({ username: email, password: 'Temp-Passw0rd!' });
    assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
    const done = await confirmSignIn({ challengeResponse: 'Chosen-Passw0rd!' });
    assert.deepEqual(done, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    await signOut();
    assert.equal(
      (await signIn({ username: email, password: 'Chosen-Passw0rd!' })).isSignedIn,
      true,
    );
    await signOut();
  });
});
