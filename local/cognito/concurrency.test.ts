/**
 * Check-then-count under parallel bursts, through the AWS SDK over HTTP: every lockout check,
 * wrong-code quota and resend quota counts the attempt in the transaction that judges it, so a
 * burst gets exactly the quota judged, and the right secret sent after it is refused while locked.
 * The clock stands still, so no lockout or quota window ends during a burst.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ManualClock } from '../testing/clock.ts';
import {
  createConfirmedUser,
  passwordSignIn,
  poolId,
  spaClientId,
  startSrp,
  strongPassword,
  suitePool,
  uniqueEmail,
} from './testing/pool.ts';
import { hourlyQuota } from './limits.ts';

const burst = 200;

/** How many of the settled calls failed with each `name: message`, and how many succeeded. */
function tally(results: PromiseSettledResult<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    const key =
      result.status === 'fulfilled'
        ? 'ok'
        : `${(result.reason as Error).name}: ${(result.reason as Error).message}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** A six-digit code that is not `code`. */
const wrongCode = (code: string, i: number): string => {
  const guess = String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');
  return guess === code ? '000000' : guess;
};

describe('check-then-count under parallel bursts', () => {
  const clock = new ManualClock();
  const pool = suitePool({ clock });

  it(`lockout: of ${burst} parallel wrong passwords only 5 are judged; the right one is then refused`, async () => {
    const email = uniqueEmail('lock-burst');
    await createConfirmedUser(pool, email);
    const results = await Promise.allSettled(
      Array.from({ length: burst }, (_, i) =>
        pool.sdk.send(
          new InitiateAuthCommand({
            ClientId: spaClientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: email, PASSWORD: `Wrong-Passw0rd-${i}` },
          }),
        ),
      ),
    );
    assert.deepEqual(tally(results), {
      'NotAuthorizedException: Incorrect username or password.': 5,
      'NotAuthorizedException: Password attempts exceeded': burst - 5,
    });
    await assert.rejects(passwordSignIn(pool, email), {
      name: 'NotAuthorizedException',
      message: 'Password attempts exceeded',
    });
    // SRP too: the lock holds at the first step.
    await assert.rejects(startSrp(pool, email), {
      name: 'NotAuthorizedException',
      message: 'Password attempts exceeded',
    });
    clock.advance(1001); // the first lock lasts 2^(5-5) s
    assert.ok((await passwordSignIn(pool, email)).AccessToken);
  });

  it(`ConfirmSignUp: of ${burst} parallel wrong codes ${hourlyQuota.confirmSignUpFailures} are judged; the right one is then refused`, async () => {
    const email = uniqueEmail('confirm-burst');
    await pool.sdk.send(
      new SignUpCommand({ ClientId: spaClientId, Username: email, Password: strongPassword }),
    );
    const code = await pool.lastCode(email);
    const results = await Promise.allSettled(
      Array.from({ length: burst }, (_, i) =>
        pool.sdk.send(
          new ConfirmSignUpCommand({
            ClientId: spaClientId,
            Username: email,
            ConfirmationCode: wrongCode(code, i),
          }),
        ),
      ),
    );
    const quota = hourlyQuota.confirmSignUpFailures;
    assert.deepEqual(tally(results), {
      'CodeMismatchException: Invalid verification code provided, please try again.': quota,
      'LimitExceededException: Attempt limit exceeded, please try after some time.': burst - quota,
    });
    await assert.rejects(
      pool.sdk.send(
        new ConfirmSignUpCommand({
          ClientId: spaClientId,
          Username: email,
          ConfirmationCode: code,
        }),
      ),
      { name: 'LimitExceededException' },
    );
    const user = await pool.sdk.send(
      new AdminGetUserCommand({ UserPoolId: poolId, Username: email }),
    );
    assert.equal(user.UserStatus, 'UNCONFIRMED');
  });

  it(`ConfirmForgotPassword: of ${burst} parallel wrong codes ${hourlyQuota.confirmForgotPasswordFailures} are judged; the right one is then refused`, async () => {
    const email = uniqueEmail('reset-burst');
    await createConfirmedUser(pool, email);
    await pool.sdk.send(new ForgotPasswordCommand({ ClientId: spaClientId, Username: email }));
    const code = await pool.lastCode(email);
    const attempt = (ConfirmationCode: string) =>
      pool.sdk.send(
        new ConfirmForgotPasswordCommand({
          ClientId: spaClientId,
          Username: email,
          ConfirmationCode,
          Password: 'N3w-Passw0rd!x',
        }),
      );
    const results = await Promise.allSettled(
      Array.from({ length: burst }, (_, i) => attempt(wrongCode(code, i))),
    );
    const quota = hourlyQuota.confirmForgotPasswordFailures;
    assert.deepEqual(tally(results), {
      'CodeMismatchException: Invalid verification code provided, please try again.': quota,
      'LimitExceededException: Attempt limit exceeded, please try after some time.': burst - quota,
    });
    await assert.rejects(attempt(code), { name: 'LimitExceededException' });
    // The password was not reset: the old one still signs in.
    assert.ok((await passwordSignIn(pool, email)).AccessToken);
  });

  it(`VerifyUserAttribute: of ${burst} parallel wrong codes ${hourlyQuota.confirmSignUpFailures} are judged; the right one is then refused`, async () => {
    const email = uniqueEmail('verify-burst');
    await createConfirmedUser(pool, email);
    const { AccessToken } = await passwordSignIn(pool, email);
    const newEmail = uniqueEmail('verify-burst-new');
    await pool.sdk.send(
      new UpdateUserAttributesCommand({
        AccessToken,
        UserAttributes: [{ Name: 'email', Value: newEmail }],
      }),
    );
    const code = await pool.lastCode(newEmail);
    const verify = (Code: string) =>
      pool.sdk.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code }));
    const results = await Promise.allSettled(
      Array.from({ length: burst }, (_, i) => verify(wrongCode(code, i))),
    );
    const quota = hourlyQuota.confirmSignUpFailures;
    assert.deepEqual(tally(results), {
      'CodeMismatchException: Invalid verification code provided, please try again.': quota,
      'LimitExceededException: Attempt limit exceeded, please try after some time.': burst - quota,
    });
    await assert.rejects(verify(code), { name: 'LimitExceededException' });
    // The new email never took over (keepOriginal): the verified one is still the user's.
    const user = await pool.sdk.send(new GetUserCommand({ AccessToken }));
    assert.equal(user.UserAttributes?.find((a) => a.Name === 'email')?.Value, email);
  });

  it('resend quotas: of 50 parallel ResendConfirmationCode and ForgotPassword calls, 5 each send a code', async () => {
    const pending = uniqueEmail('resend-burst');
    await pool.sdk.send(
      new SignUpCommand({ ClientId: spaClientId, Username: pending, Password: strongPassword }),
    );
    const confirmed = uniqueEmail('forgot-burst');
    await createConfirmedUser(pool, confirmed);
    const mailsBefore = (await pool.mailbox(confirmed)).length;
    const [resends, forgots] = await Promise.all([
      Promise.allSettled(
        Array.from({ length: 50 }, () =>
          pool.sdk.send(
            new ResendConfirmationCodeCommand({ ClientId: spaClientId, Username: pending }),
          ),
        ),
      ),
      Promise.allSettled(
        Array.from({ length: 50 }, () =>
          pool.sdk.send(new ForgotPasswordCommand({ ClientId: spaClientId, Username: confirmed })),
        ),
      ),
    ]);
    const limited = 'LimitExceededException: Attempt limit exceeded, please try after some time.';
    assert.deepEqual(tally(resends), { ok: hourlyQuota.resendConfirmationCode, [limited]: 45 });
    assert.deepEqual(tally(forgots), { ok: hourlyQuota.forgotPassword, [limited]: 45 });
    assert.equal((await pool.mailbox(pending)).length, 1 + hourlyQuota.resendConfirmationCode);
    assert.equal((await pool.mailbox(confirmed)).length, mailsBefore + hourlyQuota.forgotPassword);
  });
});
