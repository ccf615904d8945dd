/**
 * aws-amplify v6, unchanged, in Node: a person's own attribute calls (verification code for the
 * email, confirming it, deleting attributes). Amplify is a process-wide singleton: one pool here.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  confirmUserAttribute,
  deleteUserAttributes,
  fetchUserAttributes,
  sendUserAttributeVerificationCode,
  signIn,
  updateUserAttributes,
} from 'aws-amplify/auth';
import {
  adminSetAttributes,
  createConfirmedUser,
  strongPassword,
  type TestPool,
  uniqueEmail,
} from './testing/pool.ts';
import { startAmplifyPool, stopAmplifyPool } from './testing/amplify.ts';

describe('aws-amplify v6 attribute calls against the local pool', () => {
  let pool: TestPool;
  before(async () => {
    pool = await startAmplifyPool();
  });
  after(() => stopAmplifyPool(pool));

  it('sends a verification code, confirms it, and deletes attributes', async () => {
    const email = uniqueEmail('amplify-attributes');
    await createConfirmedUser(pool, email);
    await adminSetAttributes(pool, email, { email_verified: 'false' });
    const signedIn = await signIn({ username: email, password: strongPassword });
    assert.equal(signedIn.isSignedIn, true);

    const sent = await sendUserAttributeVerificationCode({ userAttributeKey: 'email' });
    assert.equal(sent.deliveryMedium, 'EMAIL');
    assert.equal(sent.attributeName, 'email');
    const code = await pool.lastCode(email);
    await assert.rejects(
      confirmUserAttribute({
        userAttributeKey: 'email',
        confirmationCode: code === '000000' ? '111111' : '000000',
      }),
      { name: 'CodeMismatchException' },
    );
    await confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: code });
    assert.equal((await fetchUserAttributes()).email_verified, 'true');

    await updateUserAttributes({ userAttributes: { given_name: 'Ada', nickname: 'ada' } });
    await deleteUserAttributes({ userAttributeKeys: ['given_name'] });
    const attributes = await fetchUserAttributes();
    assert.equal(attributes.given_name, undefined);
    assert.equal(attributes.nickname, 'ada');
    await assert.rejects(deleteUserAttributes({ userAttributeKeys: ['email'] }), {
      name: 'InvalidParameterException',
    });
    assert.equal((await fetchUserAttributes()).email, email);
  });
});
