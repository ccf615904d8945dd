/**
 * PreventUserExistenceErrors, beyond the error messages: an unknown name gets a challenge of the
 * same shape with a stable salt and id, is counted and locked out like a real account, and is
 * held to the same ForgotPassword quota, so neither answers nor counters tell accounts apart.
 * (Timings of both paths are printed by `npm run bench -- cognito-scale`.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ForgotPasswordCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ManualClock } from '../testing/clock.ts';
import { hourlyQuota } from './limits.ts';
import {
  createConfirmedUser,
  spaClientId,
  startSrp,
  suitePool,
  uniqueEmail,
} from './testing/pool.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('enumeration safety (PreventUserExistenceErrors)', () => {
  const clock = new ManualClock();
  const pool = suitePool({ clock });

  it('answers SRP for an unknown name with a stable salt and id, shaped like a real challenge', async () => {
    const known = uniqueEmail('known');
    await createConfirmedUser(pool, known);
    const unknown = uniqueEmail('nobody');
    const [real, first, second] = await Promise.all([
      startSrp(pool, known),
      startSrp(pool, unknown),
      startSrp(pool, unknown.toUpperCase()),
    ]);
    const p = (srp: typeof real) => srp.challenge.ChallengeParameters!;
    assert.equal(first.challenge.ChallengeName, 'PASSWORD_VERIFIER');
    assert.deepEqual(Object.keys(p(first)).sort(), Object.keys(p(real)).sort());
    assert.equal(p(first)['SALT'], p(second)['SALT'], 'the salt is stable per name');
    assert.equal(p(first)['USER_ID_FOR_SRP'], p(second)['USER_ID_FOR_SRP']);
    assert.notEqual(p(first)['SRP_B'], p(second)['SRP_B'], 'B is fresh each time');
    for (const srp of [real, first]) {
      assert.match(p(srp)['SALT']!, /^[0-9a-f]{32}$/);
      assert.match(p(srp)['USER_ID_FOR_SRP']!, uuid);
      assert.ok(Math.abs(p(srp)['SRP_B']!.length - 768) <= 4, 'B is a 3072-bit number');
    }
    // The sealed SECRET_BLOCKs carry the same fields either way (within B's and b's leading zeros).
    assert.ok(
      Math.abs(p(real)['SECRET_BLOCK']!.length - p(first)['SECRET_BLOCK']!.length) <= 8,
      `${p(real)['SECRET_BLOCK']!.length} vs ${p(first)['SECRET_BLOCK']!.length}`,
    );
    // Step 2 fails exactly like a wrong password.
    await assert.rejects(
      pool.sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: spaClientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeResponses: await first.answer('Any-Passw0rd!'),
        }),
      ),
      { name: 'NotAuthorizedException', message: 'Incorrect username or password.' },
    );
  });

  it('counts and locks out an unknown name after 5 wrong passwords, like a real account', async () => {
    const known = uniqueEmail('lock-known');
    await createConfirmedUser(pool, known);
    const unknown = uniqueEmail('lock-nobody');
    const answers = async (name: string): Promise<string[]> => {
      const messages: string[] = [];
      for (let i = 0; i < 7; i++) {
        const error = await pool.sdk
          .send(
            new InitiateAuthCommand({
              ClientId: spaClientId,
              AuthFlow: 'USER_PASSWORD_AUTH',
              AuthParameters: { USERNAME: name, PASSWORD: `Wrong-Passw0rd-${i}` },
            }),
          )
          .then(
            () => undefined,
            (reason: Error) => reason,
          );
        messages.push(`${error?.name}: ${error?.message}`);
      }
      return messages;
    };
    const real = await answers(known);
    assert.deepEqual(await answers(unknown), real);
    assert.deepEqual(real.slice(4), [
      'NotAuthorizedException: Incorrect username or password.',
      'NotAuthorizedException: Password attempts exceeded',
      'NotAuthorizedException: Password attempts exceeded',
    ]);
    // SRP's first step refuses both names alike while they are locked.
    for (const name of [known, unknown])
      await assert.rejects(startSrp(pool, name), { message: 'Password attempts exceeded' });
  });

  it('holds an unknown name to the ForgotPassword quota, like a real account', async () => {
    const known = uniqueEmail('forgot-known');
    await createConfirmedUser(pool, known);
    const unknown = uniqueEmail('forgot-nobody');
    for (const name of [known, unknown]) {
      const results = [];
      for (let i = 0; i <= hourlyQuota.forgotPassword; i++)
        results.push(
          await pool.sdk
            .send(new ForgotPasswordCommand({ ClientId: spaClientId, Username: name }))
            .then(
              (answer) => answer.CodeDeliveryDetails?.DeliveryMedium,
              (reason: Error) => reason.name,
            ),
        );
      assert.deepEqual(results, [
        ...Array<string>(hourlyQuota.forgotPassword).fill('EMAIL'),
        'LimitExceededException',
      ]);
    }
  });
});
