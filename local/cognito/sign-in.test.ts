/** Signing in: SRP and password flows, lockout, refresh, revocation and expiry (SDK over HTTP). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ManualClock } from '../testing/clock.ts';
import {
  createConfirmedUser,
  machineClientId,
  passwordSignIn,
  spaClientId,
  startSrp,
  strongPassword,
  suitePool,
  uniqueEmail,
} from './testing/pool.ts';

const minute = 60_000;

describe('sign-in', () => {
  const clock = new ManualClock();
  const pool = suitePool({ clock });

  const respond = (responses: Record<string, string>) =>
    pool.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: spaClientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: responses,
      }),
    );
  const incorrect = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };

  describe('USER_SRP_AUTH', () => {
    it('answers PASSWORD_VERIFIER with the canonical username, then tokens for the right password', async () => {
      const email = uniqueEmail('srp');
      const sub = await createConfirmedUser(pool, email);
      const { challenge, answer } = await startSrp(pool, email);
      assert.equal(challenge.ChallengeName, 'PASSWORD_VERIFIER');
      assert.equal(challenge.ChallengeParameters?.['USER_ID_FOR_SRP'], sub);
      assert.equal(challenge.ChallengeParameters?.['USERNAME'], sub);
      const result = await respond(await answer(strongPassword));
      assert.ok(result.AuthenticationResult?.IdToken);
      assert.deepEqual(result.ChallengeParameters, {});
    });

    it('rejects a wrong password', async () => {
      const email = uniqueEmail('srp-wrong');
      await createConfirmedUser(pool, email);
      const { answer } = await startSrp(pool, email);
      await assert.rejects(respond(await answer('Wr0ng-Password!')), incorrect);
    });

    it('refuses to accept the same answer twice', async () => {
      const email = uniqueEmail('srp-replay');
      await createConfirmedUser(pool, email);
      const { answer } = await startSrp(pool, email);
      const responses = await answer(strongPassword);
      await respond(responses);
      await assert.rejects(respond(responses), {
        name: 'NotAuthorizedException',
        message: 'Invalid session for the user.',
      });
    });

    it('refuses a tampered SECRET_BLOCK', async () => {
      const email = uniqueEmail('srp-tamper');
      await createConfirmedUser(pool, email);
      const { answer } = await startSrp(pool, email);
      const responses = await answer(strongPassword);
      const block = Buffer.from(responses['PASSWORD_CLAIM_SECRET_BLOCK']!, 'base64');
      block[40] = block[40]! ^ 1;
      await assert.rejects(
        respond({ ...responses, PASSWORD_CLAIM_SECRET_BLOCK: block.toString('base64') }),
        {
          name: 'NotAuthorizedException',
          message: 'Invalid session for the user.',
        },
      );
    });

    it('refuses an answer that comes after the challenge expired', async () => {
      const email = uniqueEmail('srp-late');
      await createConfirmedUser(pool, email);
      const { answer } = await startSrp(pool, email);
      clock.advance(4 * minute);
      await assert.rejects(respond(await answer(strongPassword)), {
        name: 'NotAuthorizedException',
        message: 'Invalid session for the user, session is expired.',
      });
    });

    it('simulates a stable challenge for an unknown user and then fails like a wrong password', async () => {
      const nobody = uniqueEmail('srp-nobody');
      const first = await startSrp(pool, nobody);
      const second = await startSrp(pool, nobody);
      assert.equal(first.challenge.ChallengeName, 'PASSWORD_VERIFIER');
      assert.equal(
        first.challenge.ChallengeParameters?.['SALT'],
        second.challenge.ChallengeParameters?.['SALT'],
      );
      assert.match(
        first.challenge.ChallengeParameters?.['USER_ID_FOR_SRP'] ?? '',
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      assert.equal(
        first.challenge.ChallengeParameters?.['USER_ID_FOR_SRP'],
        second.challenge.ChallengeParameters?.['USER_ID_FOR_SRP'],
      );
      await assert.rejects(respond(await first.answer(strongPassword)), incorrect);
    });

    it('tells an unconfirmed user so (UserNotConfirmedException)', async () => {
      const email = uniqueEmail('srp-unconfirmed');
      await pool.sdk.send(
        new SignUpCommand({ ClientId: spaClientId, Username: email, Password: strongPassword }),
      );
      await assert.rejects(startSrp(pool, email), {
        name: 'UserNotConfirmedException',
        message: 'User is not confirmed.',
      });
    });
  });

  describe('USER_PASSWORD_AUTH', () => {
    it('signs in with the password checked against the SRP verifier', async () => {
      const email = uniqueEmail('password');
      await createConfirmedUser(pool, email);
      const tokens = await passwordSignIn(pool, email);
      assert.ok(tokens.AccessToken && tokens.RefreshToken);
    });

    it('rejects a wrong password and an unknown user with the same answer', async () => {
      const email = uniqueEmail('password-wrong');
      await createConfirmedUser(pool, email);
      await assert.rejects(passwordSignIn(pool, email, 'Wr0ng-Password!'), incorrect);
      await assert.rejects(passwordSignIn(pool, uniqueEmail('nobody'), strongPassword), incorrect);
    });

    it('answers UserNotConfirmedException for an unconfirmed user, even with a wrong password', async () => {
      const email = uniqueEmail('password-unconfirmed');
      await pool.sdk.send(
        new SignUpCommand({ ClientId: spaClientId, Username: email, Password: strongPassword }),
      );
      await assert.rejects(passwordSignIn(pool, email, 'Wr0ng-Password!'), {
        name: 'UserNotConfirmedException',
      });
    });

    it('is refused for a client that does not allow it', async () => {
      await assert.rejects(
        pool.sdk.send(
          new InitiateAuthCommand({
            ClientId: machineClientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'a@example.com', PASSWORD: 'x' },
          }),
        ),
        {
          name: 'InvalidParameterException',
          message: 'USER_PASSWORD_AUTH flow not enabled for this client',
        },
      );
    });
  });

  describe('lockout', () => {
    it('locks after five failures, doubles, refuses even the right password while locked, and releases', async () => {
      const email = uniqueEmail('lockout');
      await createConfirmedUser(pool, email);
      for (let i = 0; i < 5; i++)
        await assert.rejects(passwordSignIn(pool, email, 'Wr0ng-Password!'), incorrect);
      const exceeded = { name: 'NotAuthorizedException', message: 'Password attempts exceeded' };
      await assert.rejects(passwordSignIn(pool, email), exceeded);
      await assert.rejects(startSrp(pool, email), exceeded);
      clock.advance(1001); // 2^(5-5) s
      await assert.rejects(passwordSignIn(pool, email, 'Wr0ng-Password!'), incorrect); // 6th failure: 2 s
      clock.advance(1500);
      await assert.rejects(passwordSignIn(pool, email), exceeded);
      clock.advance(600);
      const tokens = await passwordSignIn(pool, email);
      assert.ok(tokens.AccessToken, 'released after the lockout and a success resets the count');
      await assert.rejects(passwordSignIn(pool, email, 'Wr0ng-Password!'), incorrect);
    });

    it('forgets earlier failures after 15 quiet minutes', async () => {
      const email = uniqueEmail('lockout-quiet');
      await createConfirmedUser(pool, email);
      for (let i = 0; i < 5; i++)
        await assert.rejects(passwordSignIn(pool, email, 'Wr0ng-Password!'), incorrect);
      clock.advance(15 * minute);
      await assert.rejects(passwordSignIn(pool, email, 'Wr0ng-Password!'), incorrect); // counts as the first again
      assert.ok((await passwordSignIn(pool, email)).AccessToken, 'one failure does not lock');
    });

    it('counts an attempt refused during a lockout as activity that delays the reset', async () => {
      const email = uniqueEmail('lockout-activity');
      await createConfirmedUser(pool, email);
      for (let i = 0; i < 5; i++)
        await assert.rejects(passwordSignIn(pool, email, 'Wr0ng-Password!'), incorrect);
      clock.advance(500);
      await assert.rejects(passwordSignIn(pool, email), {
        name: 'NotAuthorizedException',
        message: 'Password attempts exceeded',
      });
      clock.advance(15 * minute - 400); // 15 minutes since the failures, not since the refused attempt
      await assert.rejects(passwordSignIn(pool, email, 'Wr0ng-Password!'), incorrect); // 6th failure: locked 2 s
      await assert.rejects(passwordSignIn(pool, email), {
        name: 'NotAuthorizedException',
        message: 'Password attempts exceeded',
      });
    });

    it('caps the lockout at 15 minutes', async () => {
      const email = uniqueEmail('lockout-cap');
      await createConfirmedUser(pool, email);
      for (let failure = 1; failure <= 15; failure++) {
        await assert.rejects(passwordSignIn(pool, email, 'Wr0ng-Password!'), incorrect);
        if (failure < 15) clock.advance(failure < 5 ? 1 : 1000 * 2 ** (failure - 5)); // wait out each lockout exactly
      }
      // The 15th failure would lock for 2^10 s; the cap is 900 s.
      clock.advance(15 * minute - 1);
      await assert.rejects(passwordSignIn(pool, email), {
        name: 'NotAuthorizedException',
        message: 'Password attempts exceeded',
      });
      clock.advance(1);
      assert.ok((await passwordSignIn(pool, email)).AccessToken);
    });
  });

  describe('refresh, revocation and expiry', () => {
    it('refreshes with REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken, without a new refresh token', async () => {
      const email = uniqueEmail('refresh');
      await createConfirmedUser(pool, email);
      const tokens = await passwordSignIn(pool, email);
      const viaAuth = await pool.sdk.send(
        new InitiateAuthCommand({
          ClientId: spaClientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
        }),
      );
      assert.ok(viaAuth.AuthenticationResult?.AccessToken);
      assert.equal(viaAuth.AuthenticationResult?.RefreshToken, undefined);
      const viaGet = await pool.sdk.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: spaClientId,
          RefreshToken: tokens.RefreshToken,
        }),
      );
      assert.ok(viaGet.AuthenticationResult?.IdToken);
    });

    it('rejects an unknown refresh token and one issued to another client', async () => {
      await assert.rejects(
        pool.sdk.send(
          new GetTokensFromRefreshTokenCommand({ ClientId: spaClientId, RefreshToken: 'made-up' }),
        ),
        {
          name: 'NotAuthorizedException',
          message: 'Invalid Refresh Token',
        },
      );
    });

    it('RevokeToken revokes the refresh token and the access tokens issued from it', async () => {
      const email = uniqueEmail('revoke');
      await createConfirmedUser(pool, email);
      const tokens = await passwordSignIn(pool, email);
      const other = await passwordSignIn(pool, email);
      await pool.sdk.send(
        new RevokeTokenCommand({ ClientId: spaClientId, Token: tokens.RefreshToken }),
      );
      await assert.rejects(
        pool.sdk.send(
          new GetTokensFromRefreshTokenCommand({
            ClientId: spaClientId,
            RefreshToken: tokens.RefreshToken,
          }),
        ),
        {
          message: 'Refresh Token has been revoked',
        },
      );
      await assert.rejects(pool.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken })), {
        message: 'Access Token has been revoked',
      });
      assert.ok(
        (await pool.sdk.send(new GetUserCommand({ AccessToken: other.AccessToken }))).Username,
        'other sessions are untouched',
      );
      await pool.sdk.send(
        new RevokeTokenCommand({ ClientId: spaClientId, Token: 'unknown-token' }),
      ); // RFC 7009: no error
    });

    it('GlobalSignOut revokes every session of the user', async () => {
      const email = uniqueEmail('global');
      await createConfirmedUser(pool, email);
      const one = await passwordSignIn(pool, email);
      const two = await passwordSignIn(pool, email);
      await pool.sdk.send(new GlobalSignOutCommand({ AccessToken: one.AccessToken }));
      for (const tokens of [one, two]) {
        await assert.rejects(
          pool.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken })),
          { message: 'Access Token has been revoked' },
        );
        await assert.rejects(
          pool.sdk.send(
            new GetTokensFromRefreshTokenCommand({
              ClientId: spaClientId,
              RefreshToken: tokens.RefreshToken,
            }),
          ),
          {
            message: 'Refresh Token has been revoked',
          },
        );
      }
    });

    it('expires access tokens after an hour and refresh tokens after 30 days', async () => {
      const email = uniqueEmail('expiry');
      await createConfirmedUser(pool, email);
      const tokens = await passwordSignIn(pool, email);
      clock.advance(60 * minute + 1000);
      await assert.rejects(pool.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken })), {
        name: 'NotAuthorizedException',
        message: 'Access Token has expired',
      });
      const refreshed = await pool.sdk.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: spaClientId,
          RefreshToken: tokens.RefreshToken,
        }),
      );
      assert.ok(
        (
          await pool.sdk.send(
            new GetUserCommand({ AccessToken: refreshed.AuthenticationResult!.AccessToken! }),
          )
        ).Username,
      );
      clock.advance(30 * 24 * 60 * minute);
      await assert.rejects(
        pool.sdk.send(
          new GetTokensFromRefreshTokenCommand({
            ClientId: spaClientId,
            RefreshToken: tokens.RefreshToken,
          }),
        ),
        {
          name: 'NotAuthorizedException',
        },
      );
    });

    it('rejects a malformed access token', async () => {
      await assert.rejects(pool.sdk.send(new GetUserCommand({ AccessToken: 'not-a-jwt' })), {
        name: 'NotAuthorizedException',
        message: 'Invalid Access Token',
      });
    });
  });
});
