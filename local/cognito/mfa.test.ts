/**
 * Multi-factor sign-in through the unchanged AWS SDK over HTTP: authenticator apps (TOTP) and
 * email codes, every challenge, wrong and reused codes, and MFA_SETUP for an administrator-created
 * user. Codes are computed with otpauth from the secret the pool returned, at the test clock's time.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { Secret, TOTP } from 'otpauth';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { ManualClock } from '../testing/clock.ts';
import {
  createConfirmedUser,
  passwordSignIn,
  poolId,
  spaClientId,
  startSrp,
  startTestPool,
  strongPassword,
  uniqueEmail,
  type TestPool,
} from './testing/pool.ts';

const totp = (secret: string, at: number): string =>
  TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: at,
  });

async function rejects(call: Promise<unknown>, type: string, message?: string | RegExp) {
  await assert.rejects(call, (error: Error) => {
    assert.equal(error.name, type, `${error.name}: ${error.message}`);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return true;
  });
}

describe('MFA in the local pool (AWS SDK over HTTP)', () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 5));
  let pool: TestPool;
  before(async () => {
    pool = await startTestPool({ clock });
  });
  after(() => pool.stop());

  const passwordStart = (email: string, password = strongPassword) =>
    pool.sdk.send(
      new InitiateAuthCommand({
        ClientId: spaClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
  const answer = (
    challenge: InitiateAuthCommandOutput,
    name: string,
    responses: Record<string, string>,
    username: string,
  ) =>
    pool.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: spaClientId,
        ChallengeName: name as 'SOFTWARE_TOKEN_MFA',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: username, ...responses },
      }),
    );

  /** A confirmed user with a verified authenticator app, TOTP on and preferred. */
  async function userWithTotp(label: string): Promise<{ email: string; secret: string }> {
    const email = uniqueEmail(label);
    await createConfirmedUser(pool, email);
    const tokens = await passwordSignIn(pool, email);
    const { SecretCode } = await pool.sdk.send(
      new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }),
    );
    await pool.sdk.send(
      new VerifySoftwareTokenCommand({
        AccessToken: tokens.AccessToken,
        UserCode: totp(SecretCode!, clock.now()),
        FriendlyDeviceName: 'phone',
      }),
    );
    await pool.sdk.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: tokens.AccessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    clock.advance(30_000); // the enrolment code is spent; the next sign-in needs a fresh one
    return { email, secret: SecretCode! };
  }

  it('reports the declared pool setting: OPTIONAL with software tokens and email', async () => {
    const config = await pool.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    assert.equal(config.MfaConfiguration, 'OPTIONAL');
    assert.deepEqual(config.SoftwareTokenMfaConfiguration, { Enabled: true });
    assert.match(config.EmailMfaConfiguration?.Message ?? '', /\{####\}/);
  });

  it('enrols an authenticator app with an access token, refusing wrong codes', async () => {
    const email = uniqueEmail('enrol');
    await createConfirmedUser(pool, email);
    const tokens = await passwordSignIn(pool, email);
    await rejects(
      pool.sdk.send(
        new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: '123456' }),
      ),
      'SoftwareTokenMFANotFoundException',
      'Software Token MFA does not exist for the user.',
    );
    await rejects(
      pool.sdk.send(
        new SetUserMFAPreferenceCommand({
          AccessToken: tokens.AccessToken,
          SoftwareTokenMfaSettings: { Enabled: true },
        }),
      ),
      'InvalidParameterException',
      'User has not set up software token mfa',
    );
    const associated = await pool.sdk.send(
      new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }),
    );
    assert.match(associated.SecretCode ?? '', /^[A-Z2-7]{32}$/);
    assert.equal(associated.Session, undefined);
    const good = totp(associated.SecretCode!, clock.now());
    const wrong = good === '000000' ? '000001' : '000000';
    await rejects(
      pool.sdk.send(
        new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: wrong }),
      ),
      'EnableSoftwareTokenMFAException',
      'Code mismatch and fail enable Software Token MFA',
    );
    const verified = await pool.sdk.send(
      new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: good }),
    );
    assert.equal(verified.Status, 'SUCCESS');
    const before = await pool.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    assert.equal(before.UserMFASettingList, undefined, 'verified, not yet turned on');
    assert.equal(pool.server.totpCode(email), good, 'the test clock serves the same code');

    await pool.sdk.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: tokens.AccessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const after = await pool.sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    assert.deepEqual(after.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
    assert.equal(after.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
    const admin = await pool.sdk.send(
      new AdminGetUserCommand({ UserPoolId: poolId, Username: email }),
    );
    assert.deepEqual(admin.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
    assert.equal(admin.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
  });

  it('keeps the TOTP secret sealed on disk', async () => {
    const { secret } = await userWithTotp('sealed');
    await pool.stop(false);
    const dir = join(pool.dataDir, 'cognito');
    const files = (await readdir(dir)).filter((file) => file.startsWith('pool.db'));
    assert.ok(files.includes('pool.db'));
    const state = Buffer.concat(
      await Promise.all(files.map((file) => readFile(join(dir, file)))),
    ).toString('latin1');
    assert.equal(state.includes(secret), false);
    assert.equal(
      state.includes(Buffer.from(Secret.fromBase32(secret).bytes).toString('base64')),
      false,
    );
    pool = await startTestPool({ clock, dataDir: pool.dataDir });
  });

  it('asks for the TOTP code after the password (USER_PASSWORD_AUTH), once per code, tokens only after it', async () => {
    const { email, secret } = await userWithTotp('totp');
    const challenge = await passwordStart(email);
    assert.equal(challenge.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    assert.equal(challenge.AuthenticationResult, undefined);
    assert.ok(challenge.Session && challenge.Session.length > 20);

    const code = totp(secret, clock.now());
    const wrong = code === '111111' ? '222222' : '111111';
    await rejects(
      answer(challenge, 'SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: wrong }, email),
      'CodeMismatchException',
      'Invalid code received for user',
    );
    clock.advance(5_000);
    const signedIn = await answer(
      challenge,
      'SOFTWARE_TOKEN_MFA',
      { SOFTWARE_TOKEN_MFA_CODE: code },
      email,
    );
    const idToken = decodeJwt(signedIn.AuthenticationResult!.IdToken!);
    assert.equal(
      idToken['auth_time'],
      Math.floor(clock.now() / 1000),
      'auth_time is the second factor',
    );

    // The session answered once; a new sign-in cannot reuse the code either.
    await rejects(
      answer(challenge, 'SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: code }, email),
      'NotAuthorizedException',
      'Invalid session for the user.',
    );
    const again = await passwordStart(email);
    await rejects(
      answer(again, 'SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: code }, email),
      'CodeMismatchException',
    );
    clock.advance(30_000);
    const next = await answer(
      again,
      'SOFTWARE_TOKEN_MFA',
      { SOFTWARE_TOKEN_MFA_CODE: totp(secret, clock.now()) },
      email,
    );
    assert.ok(next.AuthenticationResult?.AccessToken);
  });

  it('accepts one step of clock skew either way, not two', async () => {
    const { email, secret } = await userWithTotp('skew');
    const challenge = await passwordStart(email);
    await rejects(
      answer(
        challenge,
        'SOFTWARE_TOKEN_MFA',
        { SOFTWARE_TOKEN_MFA_CODE: totp(secret, clock.now() - 60_000) },
        email,
      ),
      'CodeMismatchException',
    );
    const ok = await answer(
      challenge,
      'SOFTWARE_TOKEN_MFA',
      { SOFTWARE_TOKEN_MFA_CODE: totp(secret, clock.now() + 30_000) },
      email,
    );
    assert.ok(ok.AuthenticationResult);
  });

  it('asks for the TOTP code after SRP too, and refuses an expired session', async () => {
    const { email, secret } = await userWithTotp('srp');
    const srp = await startSrp(pool, email);
    const challenge = await pool.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: spaClientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: await srp.answer(strongPassword),
      }),
    );
    assert.equal(challenge.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    assert.equal(challenge.AuthenticationResult, undefined);
    clock.advance(3 * 60_000 + 1);
    await rejects(
      pool.sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: spaClientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: challenge.Session,
          ChallengeResponses: {
            USERNAME: email,
            SOFTWARE_TOKEN_MFA_CODE: totp(secret, clock.now()),
          },
        }),
      ),
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
    );
  });

  it('sends an 8-digit email code for EMAIL_OTP and checks it', async () => {
    const email = uniqueEmail('email');
    await createConfirmedUser(pool, email);
    const tokens = await passwordSignIn(pool, email);
    await pool.sdk.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: tokens.AccessToken,
        EmailMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const challenge = await passwordStart(email);
    assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
    assert.equal(challenge.ChallengeParameters?.['CODE_DELIVERY_DELIVERY_MEDIUM'], 'EMAIL');
    assert.match(
      challenge.ChallengeParameters?.['CODE_DELIVERY_DESTINATION'] ?? '',
      /^e\*\*\*@e\*\*\*$/,
    );
    const code = await pool.lastCode(email);
    assert.match(code, /^\d{8}$/);
    const wrong = code === '00000000' ? '00000001' : '00000000';
    await rejects(
      answer(challenge, 'EMAIL_OTP', { EMAIL_OTP_CODE: wrong }, email),
      'CodeMismatchException',
      'Invalid code received for user',
    );
    const signedIn = await answer(challenge, 'EMAIL_OTP', { EMAIL_OTP_CODE: code }, email);
    assert.ok(signedIn.AuthenticationResult?.IdToken);
    await rejects(
      answer(challenge, 'EMAIL_OTP', { EMAIL_OTP_CODE: code }, email),
      'NotAuthorizedException',
      'Invalid session for the user.',
    );
  });

  it('lets a user with two factors and no preference choose (SELECT_MFA_TYPE)', async () => {
    const { email, secret } = await userWithTotp('select');
    const tokens = await pool.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: spaClientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: (await passwordStart(email)).Session,
        ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: totp(secret, clock.now()) },
      }),
    );
    await pool.sdk.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: tokens.AuthenticationResult!.AccessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
        EmailMfaSettings: { Enabled: true, PreferredMfa: false },
      }),
    );
    const user = await pool.sdk.send(
      new GetUserCommand({ AccessToken: tokens.AuthenticationResult!.AccessToken }),
    );
    assert.deepEqual(user.UserMFASettingList, ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
    assert.equal(user.PreferredMfaSetting, undefined);

    const select = await passwordStart(email);
    assert.equal(select.ChallengeName, 'SELECT_MFA_TYPE');
    assert.deepEqual(JSON.parse(select.ChallengeParameters!['MFAS_CAN_CHOOSE']!), [
      'SOFTWARE_TOKEN_MFA',
      'EMAIL_OTP',
    ]);
    await rejects(
      answer(select, 'SELECT_MFA_TYPE', { ANSWER: 'SMS_MFA' }, email),
      'InvalidParameterException',
    );
    const emailStep = await answer(select, 'SELECT_MFA_TYPE', { ANSWER: 'EMAIL_OTP' }, email);
    assert.equal(emailStep.ChallengeName, 'EMAIL_OTP');
    assert.notEqual(emailStep.Session, select.Session, 'each step has its own session');
    const done = await answer(
      emailStep,
      'EMAIL_OTP',
      { EMAIL_OTP_CODE: await pool.lastCode(email) },
      email,
    );
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it('counts wrong codes towards lockout like wrong passwords', async () => {
    const { email } = await userWithTotp('lockout');
    const challenge = await passwordStart(email);
    for (let attempt = 0; attempt < 5; attempt += 1)
      await rejects(
        answer(challenge, 'SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: 'abcdef' }, email),
        'CodeMismatchException',
      );
    await rejects(
      answer(
        challenge,
        'SOFTWARE_TOKEN_MFA',
        { SOFTWARE_TOKEN_MFA_CODE: pool.server.totpCode(email)! },
        email,
      ),
      'NotAuthorizedException',
      'Password attempts exceeded',
    );
    clock.advance(2_000);
  });

  it('refuses a session answered for another challenge or by another client', async () => {
    const { email } = await userWithTotp('binding');
    const challenge = await passwordStart(email);
    await rejects(
      answer(challenge, 'EMAIL_OTP', { EMAIL_OTP_CODE: '12345678' }, email),
      'NotAuthorizedException',
      'Invalid session for the user.',
    );
    await rejects(
      answer(
        { ...challenge, Session: 'forged' } as InitiateAuthCommandOutput,
        'SOFTWARE_TOKEN_MFA',
        { SOFTWARE_TOKEN_MFA_CODE: '123456' },
        email,
      ),
      'NotAuthorizedException',
      'Invalid session for the user.',
    );
  });

  it('AdminSetUserMFAPreference follows the same rules', async () => {
    const email = uniqueEmail('admin-pref');
    await createConfirmedUser(pool, email);
    await rejects(
      pool.sdk.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: poolId,
          Username: email,
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
        }),
      ),
      'InvalidParameterException',
      'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
    );
    await pool.sdk.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: email,
        EmailMfaSettings: { Enabled: true },
      }),
    );
    const user = await pool.sdk.send(
      new AdminGetUserCommand({ UserPoolId: poolId, Username: email }),
    );
    assert.deepEqual(user.UserMFASettingList, ['EMAIL_OTP']);
    assert.equal((await passwordStart(email)).ChallengeName, 'EMAIL_OTP');
  });

  it('with MFA ON, walks an administrator-created user through NEW_PASSWORD_REQUIRED and MFA_SETUP', async () => {
    const set = await pool.sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'ON',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    assert.equal(set.MfaConfiguration, 'ON');
    try {
      const email = uniqueEmail('setup');
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
      const first = await passwordStart(email, 'Temp0rary!pass');
      assert.equal(first.ChallengeName, 'NEW_PASSWORD_REQUIRED');
      const setup = await answer(
        first,
        'NEW_PASSWORD_REQUIRED',
        { NEW_PASSWORD: strongPassword },
        email,
      );
      assert.equal(setup.ChallengeName, 'MFA_SETUP');
      assert.equal(setup.AuthenticationResult, undefined);
      assert.deepEqual(JSON.parse(setup.ChallengeParameters!['MFAS_CAN_SETUP']!), [
        'SOFTWARE_TOKEN_MFA',
      ]);
      await rejects(
        answer(setup, 'MFA_SETUP', {}, email),
        'NotAuthorizedException',
        'Invalid session for the user.',
      );

      const associated = await pool.sdk.send(
        new AssociateSoftwareTokenCommand({ Session: setup.Session }),
      );
      assert.match(associated.SecretCode ?? '', /^[A-Z2-7]{32}$/);
      assert.ok(associated.Session && associated.Session !== setup.Session);
      const verified = await pool.sdk.send(
        new VerifySoftwareTokenCommand({
          Session: associated.Session,
          UserCode: totp(associated.SecretCode!, clock.now()),
        }),
      );
      assert.equal(verified.Status, 'SUCCESS');
      await rejects(
        pool.sdk.send(new AssociateSoftwareTokenCommand({ Session: associated.Session })),
        'NotAuthorizedException',
        'Invalid session for the user.',
      );
      const done = await pool.sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: spaClientId,
          ChallengeName: 'MFA_SETUP',
          Session: verified.Session,
          ChallengeResponses: { USERNAME: email },
        }),
      );
      assert.ok(done.AuthenticationResult?.AccessToken);
      const user = await pool.sdk.send(
        new AdminGetUserCommand({ UserPoolId: poolId, Username: email }),
      );
      assert.equal(user.UserStatus, 'CONFIRMED');
      assert.deepEqual(user.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
      clock.advance(30_000);
      assert.equal((await passwordStart(email)).ChallengeName, 'SOFTWARE_TOKEN_MFA');
    } finally {
      await pool.sdk.send(
        new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL' }),
      );
    }
  });
});
