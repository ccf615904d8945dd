/**
 * Choice-based sign-in (USER_AUTH), emailed sign-in codes, passkeys and passwordless sign-up,
 * through the AWS SDK over HTTP against the local pool. Passkeys come from a software
 * authenticator (real P-256 keys, CBOR "none" attestation) so every check is the real one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChangePasswordCommand,
  CompleteWebAuthnRegistrationCommand,
  ConfirmSignUpCommand,
  DeleteWebAuthnCredentialCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  StartWebAuthnRegistrationCommand,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { ManualClock } from '../testing/clock.ts';
import { SoftwareAuthenticator } from './testing/software-authenticator.ts';
import {
  createConfirmedUser,
  passwordSignIn,
  spaClientId,
  startSrp,
  strongPassword,
  suitePool,
  uniqueEmail,
} from './testing/pool.ts';

describe('choice-based sign-in (USER_AUTH)', () => {
  const clock = new ManualClock(Date.parse('2026-03-01T10:00:00Z'));

  const pool = suitePool({ clock });

  const userAuth = (
    email: string,
    extra: Record<string, string> = {},
    session?: string,
  ): Promise<InitiateAuthCommandOutput> =>
    pool.sdk.send(
      new InitiateAuthCommand({
        ClientId: spaClientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: email, ...extra },
        ...(session ? { Session: session } : {}),
      }),
    );
  const respond = (name: string, session: string | undefined, responses: Record<string, string>) =>
    pool.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: spaClientId,
        ChallengeName: name as 'SELECT_CHALLENGE',
        Session: session,
        ChallengeResponses: responses,
      }),
    );
  const whoAmI = async (accessToken: string | undefined): Promise<string | undefined> =>
    (await pool.sdk.send(new GetUserCommand({ AccessToken: accessToken }))).UserAttributes?.find(
      (a) => a.Name === 'email',
    )?.Value;

  describe('choosing a first factor', () => {
    it('answers SELECT_CHALLENGE with the factors this user has, then signs in with the password', async () => {
      const email = uniqueEmail('select');
      await createConfirmedUser(pool, email);
      const first = await userAuth(email);
      assert.equal(first.ChallengeName, 'SELECT_CHALLENGE');
      assert.deepEqual(first.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
      assert.ok(first.Session);
      const done = await respond('SELECT_CHALLENGE', first.Session, {
        USERNAME: email,
        ANSWER: 'PASSWORD',
        PASSWORD: strongPassword,
      });
      assert.equal(await whoAmI(done.AuthenticationResult?.AccessToken), email);
      // The selection session answers once.
      await assert.rejects(
        respond('SELECT_CHALLENGE', first.Session, {
          USERNAME: email,
          ANSWER: 'PASSWORD',
          PASSWORD: strongPassword,
        }),
        { name: 'NotAuthorizedException', message: 'Invalid session for the user.' },
      );
    });

    it('refuses a wrong password after SELECT_CHALLENGE like any wrong password', async () => {
      const email = uniqueEmail('select-wrong');
      await createConfirmedUser(pool, email);
      const first = await userAuth(email);
      await assert.rejects(
        respond('SELECT_CHALLENGE', first.Session, {
          USERNAME: email,
          ANSWER: 'PASSWORD',
          PASSWORD: 'Wr0ng-password!',
        }),
        { name: 'NotAuthorizedException', message: 'Incorrect username or password.' },
      );
    });

    it('refuses an ANSWER that is not among AvailableChallenges', async () => {
      const email = uniqueEmail('select-bad');
      await createConfirmedUser(pool, email);
      const first = await userAuth(email);
      await assert.rejects(
        respond('SELECT_CHALLENGE', first.Session, { USERNAME: email, ANSWER: 'WEB_AUTHN' }),
        { name: 'InvalidParameterException' },
      );
    });

    it('signs in at once with PREFERRED_CHALLENGE PASSWORD and the password', async () => {
      const email = uniqueEmail('preferred-password');
      await createConfirmedUser(pool, email);
      const done = await userAuth(email, {
        PREFERRED_CHALLENGE: 'PASSWORD',
        PASSWORD: strongPassword,
      });
      assert.equal(await whoAmI(done.AuthenticationResult?.AccessToken), email);
    });

    it('runs SRP under USER_AUTH: PREFERRED_CHALLENGE PASSWORD_SRP and via SELECT_CHALLENGE', async () => {
      const email = uniqueEmail('srp');
      await createConfirmedUser(pool, email);
      const direct = await startSrp(pool, email, (srpA) =>
        userAuth(email, { PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: srpA }),
      );
      assert.equal(direct.challenge.ChallengeName, 'PASSWORD_VERIFIER');
      const tokens = await respond(
        'PASSWORD_VERIFIER',
        undefined,
        await direct.answer(strongPassword),
      );
      assert.ok(tokens.AuthenticationResult?.IdToken);

      const chosen = await startSrp(pool, email, async (srpA) => {
        const select = await userAuth(email);
        return respond('SELECT_CHALLENGE', select.Session, {
          USERNAME: email,
          ANSWER: 'PASSWORD_SRP',
          SRP_A: srpA,
        });
      });
      assert.equal(chosen.challenge.ChallengeName, 'PASSWORD_VERIFIER');
      const again = await respond(
        'PASSWORD_VERIFIER',
        undefined,
        await chosen.answer(strongPassword),
      );
      assert.ok(again.AuthenticationResult?.AccessToken);
    });

    it('falls back to SELECT_CHALLENGE when the preferred factor is not the user’s', async () => {
      const email = uniqueEmail('no-passkey');
      await createConfirmedUser(pool, email);
      const first = await userAuth(email, { PREFERRED_CHALLENGE: 'WEB_AUTHN' });
      assert.equal(first.ChallengeName, 'SELECT_CHALLENGE');
    });

    it('offers an unknown name the same shape of choice and never signs it in', async () => {
      const name = uniqueEmail('nobody');
      const first = await userAuth(name);
      assert.equal(first.ChallengeName, 'SELECT_CHALLENGE');
      assert.deepEqual(first.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
      const otp = await respond('SELECT_CHALLENGE', first.Session, {
        USERNAME: name,
        ANSWER: 'EMAIL_OTP',
      });
      assert.equal(otp.ChallengeName, 'EMAIL_OTP');
      assert.deepEqual(await pool.mailbox(name), []);
      await assert.rejects(
        respond('EMAIL_OTP', otp.Session, { USERNAME: name, EMAIL_OTP_CODE: '12345678' }),
        { name: 'CodeMismatchException' },
      );
    });
  });

  describe('emailed sign-in codes (EMAIL_OTP)', () => {
    it('emails an 8-digit code that signs in once; a wrong code is refused; the code cannot be replayed', async () => {
      const email = uniqueEmail('otp');
      await createConfirmedUser(pool, email);
      const challenge = await userAuth(email, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
      assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
      assert.equal(challenge.ChallengeParameters?.['CODE_DELIVERY_DELIVERY_MEDIUM'], 'EMAIL');
      assert.match(
        challenge.ChallengeParameters?.['CODE_DELIVERY_DESTINATION'] ?? '',
        /^o\*\*\*@e\*\*\*$/,
      );
      const code = await pool.lastCode(email);
      assert.match(code, /^\d{8}$/);
      const wrong = code === '00000000' ? '00000001' : '00000000';
      await assert.rejects(
        respond('EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: wrong }),
        { name: 'CodeMismatchException' },
      );
      const done = await respond('EMAIL_OTP', challenge.Session, {
        USERNAME: email,
        EMAIL_OTP_CODE: code,
      });
      assert.equal(await whoAmI(done.AuthenticationResult?.AccessToken), email);
      await assert.rejects(
        respond('EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: code }),
        { name: 'NotAuthorizedException', message: 'Invalid session for the user.' },
      );
    });

    it('sends a code after SELECT_CHALLENGE ANSWER EMAIL_OTP', async () => {
      const email = uniqueEmail('otp-select');
      await createConfirmedUser(pool, email);
      const select = await userAuth(email);
      const challenge = await respond('SELECT_CHALLENGE', select.Session, {
        USERNAME: email,
        ANSWER: 'EMAIL_OTP',
      });
      assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
      const done = await respond('EMAIL_OTP', challenge.Session, {
        USERNAME: email,
        EMAIL_OTP_CODE: await pool.lastCode(email),
      });
      assert.ok(done.AuthenticationResult?.RefreshToken);
    });

    it('expires the code with its session (3 minutes)', async () => {
      const email = uniqueEmail('otp-expired');
      await createConfirmedUser(pool, email);
      const challenge = await userAuth(email, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
      clock.advance(3 * 60_000 + 1);
      await assert.rejects(
        respond('EMAIL_OTP', challenge.Session, {
          USERNAME: email,
          EMAIL_OTP_CODE: await pool.lastCode(email),
        }),
        { name: 'NotAuthorizedException', message: /session is expired/ },
      );
    });

    it('counts wrong codes toward lockout like wrong passwords', async () => {
      const email = uniqueEmail('otp-lockout');
      await createConfirmedUser(pool, email);
      const challenge = await userAuth(email, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
      const code = await pool.lastCode(email);
      const wrong = code === '00000000' ? '00000001' : '00000000';
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await assert.rejects(
          respond('EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: wrong }),
          { name: 'CodeMismatchException' },
        );
      }
      // Five failures lock the account for a second: even the right code (or password) waits.
      await assert.rejects(
        respond('EMAIL_OTP', challenge.Session, { USERNAME: email, EMAIL_OTP_CODE: code }),
        { name: 'NotAuthorizedException', message: 'Password attempts exceeded' },
      );
      await assert.rejects(passwordSignIn(pool, email), {
        message: 'Password attempts exceeded',
      });
    });
  });

  describe('passwordless sign-up', () => {
    it('creates an account without a password; ConfirmSignUp’s Session signs in once', async () => {
      const email = uniqueEmail('passwordless');
      const up = await pool.sdk.send(
        new SignUpCommand({
          ClientId: spaClientId,
          Username: email,
          UserAttributes: [{ Name: 'email', Value: email }],
        }),
      );
      assert.equal(up.UserConfirmed, false);
      const confirmed = await pool.sdk.send(
        new ConfirmSignUpCommand({
          ClientId: spaClientId,
          Username: email,
          ConfirmationCode: await pool.lastCode(email),
        }),
      );
      assert.ok(confirmed.Session);
      const done = await userAuth(email, {}, confirmed.Session);
      assert.equal(await whoAmI(done.AuthenticationResult?.AccessToken), email);
      await assert.rejects(userAuth(email, {}, confirmed.Session), {
        name: 'NotAuthorizedException',
        message: 'Invalid session for the user.',
      });
      // No password: only the emailed code is on offer, and password flows refuse the account.
      const choice = await userAuth(email);
      assert.deepEqual(choice.AvailableChallenges, ['EMAIL_OTP']);
      await assert.rejects(passwordSignIn(pool, email, ''), { name: 'InvalidParameterException' });
      await assert.rejects(passwordSignIn(pool, email, strongPassword), {
        message: 'Incorrect username or password.',
      });
    });

    it('lets a passwordless account set its first password with ChangePassword, once', async () => {
      const email = uniqueEmail('first-password');
      await pool.sdk.send(
        new SignUpCommand({
          ClientId: spaClientId,
          Username: email,
          UserAttributes: [{ Name: 'email', Value: email }],
        }),
      );
      const confirmed = await pool.sdk.send(
        new ConfirmSignUpCommand({
          ClientId: spaClientId,
          Username: email,
          ConfirmationCode: await pool.lastCode(email),
        }),
      );
      const signedIn = await userAuth(email, {}, confirmed.Session);
      const accessToken = signedIn.AuthenticationResult?.AccessToken;
      // A previous password for an account that has none cannot match.
      await assert.rejects(
        pool.sdk.send(
          new ChangePasswordCommand({
            AccessToken: accessToken,
            PreviousPassword: strongPassword,
            ProposedPassword: strongPassword,
          }),
        ),
        { name: 'NotAuthorizedException' },
      );
      await pool.sdk.send(
        new ChangePasswordCommand({ AccessToken: accessToken, ProposedPassword: strongPassword }),
      );
      const withPassword = await passwordSignIn(pool, email, strongPassword);
      assert.equal(await whoAmI(withPassword.AccessToken), email);
      assert.deepEqual([...((await userAuth(email)).AvailableChallenges ?? [])].sort(), [
        'EMAIL_OTP',
        'PASSWORD',
        'PASSWORD_SRP',
      ]);
      // Now the account has a password, so changing it needs the old one.
      await assert.rejects(
        pool.sdk.send(
          new ChangePasswordCommand({ AccessToken: accessToken, ProposedPassword: strongPassword }),
        ),
        { name: 'InvalidParameterException' },
      );
    });

    it('refuses another user’s sign-up Session', async () => {
      const first = uniqueEmail('session-a');
      const second = uniqueEmail('session-b');
      await createConfirmedUser(pool, second);
      await pool.sdk.send(new SignUpCommand({ ClientId: spaClientId, Username: first }));
      const confirmed = await pool.sdk.send(
        new ConfirmSignUpCommand({
          ClientId: spaClientId,
          Username: first,
          ConfirmationCode: await pool.lastCode(first),
        }),
      );
      await assert.rejects(userAuth(second, {}, confirmed.Session), {
        name: 'NotAuthorizedException',
      });
    });
  });

  describe('passkeys (WebAuthn)', () => {
    async function signedIn(label: string): Promise<{ email: string; accessToken: string }> {
      const email = uniqueEmail(label);
      await createConfirmedUser(pool, email);
      return { email, accessToken: (await passwordSignIn(pool, email)).AccessToken };
    }
    const startRegistration = async (accessToken: string) =>
      (await pool.sdk.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken })))
        .CredentialCreationOptions as {
        challenge: string;
        rp: { id: string; name: string };
        user: { id: string; name: string };
        excludeCredentials: { id: string }[];
        authenticatorSelection: { residentKey: string; userVerification: string };
      };
    const complete = (accessToken: string, credential: Record<string, unknown>) =>
      pool.sdk.send(
        new CompleteWebAuthnRegistrationCommand({
          AccessToken: accessToken,
          Credential: credential as never,
        }),
      );
    async function register(accessToken: string, authenticator: SoftwareAuthenticator) {
      const options = await startRegistration(accessToken);
      await complete(accessToken, authenticator.create(options));
      return options;
    }
    async function passkeyChallenge(email: string) {
      const challenge = await userAuth(email, { PREFERRED_CHALLENGE: 'WEB_AUTHN' });
      assert.equal(challenge.ChallengeName, 'WEB_AUTHN');
      const options = JSON.parse(challenge.ChallengeParameters!['CREDENTIAL_REQUEST_OPTIONS']!);
      return { session: challenge.Session, options };
    }

    it('registers a passkey, lists it, and signs in with it alone', async () => {
      const { email, accessToken } = await signedIn('passkey');
      const authenticator = new SoftwareAuthenticator();
      const options = await register(accessToken, authenticator);
      assert.equal(options.rp.id, 'localhost');
      assert.equal(options.user.name, email);
      assert.deepEqual(options.excludeCredentials, []);
      assert.equal(options.authenticatorSelection.residentKey, 'required');

      const listed = await pool.sdk.send(
        new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }),
      );
      assert.equal(listed.Credentials?.length, 1);
      const [credential] = listed.Credentials!;
      assert.equal(credential!.FriendlyCredentialName, 'Passkey 1');
      assert.equal(credential!.RelyingPartyId, 'localhost');
      assert.deepEqual(credential!.AuthenticatorTransports, ['internal']);
      assert.equal(credential!.AuthenticatorAttachment, 'platform');
      assert.equal(credential!.CreatedAt?.getTime(), clock.now());

      assert.deepEqual((await userAuth(email)).AvailableChallenges, [
        'PASSWORD',
        'PASSWORD_SRP',
        'EMAIL_OTP',
        'WEB_AUTHN',
      ]);
      const { session, options: request } = await passkeyChallenge(email);
      assert.equal(request.rpId, 'localhost');
      assert.deepEqual(
        request.allowCredentials.map((c: { id: string }) => c.id),
        [credential!.CredentialId],
      );
      const done = await respond('WEB_AUTHN', session, {
        USERNAME: email,
        CREDENTIAL: JSON.stringify(authenticator.get(request)),
      });
      assert.equal(await whoAmI(done.AuthenticationResult?.AccessToken), email);

      // The next registration excludes the passkey the user has.
      const next = await startRegistration(accessToken);
      assert.deepEqual(
        next.excludeCredentials.map((c) => c.id),
        [credential!.CredentialId],
      );
    });

    it('refuses a replayed challenge, a counter going backwards and a wrong origin', async () => {
      const { email, accessToken } = await signedIn('passkey-refusals');
      const authenticator = new SoftwareAuthenticator();
      await register(accessToken, authenticator);

      const first = await passkeyChallenge(email);
      const assertion = JSON.stringify(authenticator.get(first.options)); // counter 1
      await respond('WEB_AUTHN', first.session, { USERNAME: email, CREDENTIAL: assertion });
      await assert.rejects(
        respond('WEB_AUTHN', first.session, { USERNAME: email, CREDENTIAL: assertion }),
        { name: 'NotAuthorizedException' },
      );
      // The same assertion against a fresh challenge: the signed challenge no longer matches.
      const second = await passkeyChallenge(email);
      await assert.rejects(
        respond('WEB_AUTHN', second.session, { USERNAME: email, CREDENTIAL: assertion }),
        { name: 'NotAuthorizedException' },
      );
      // A cloned authenticator would report a counter that does not move forward.
      await assert.rejects(
        respond('WEB_AUTHN', second.session, {
          USERNAME: email,
          CREDENTIAL: JSON.stringify(authenticator.get(second.options, { signCount: 1 })),
        }),
        { name: 'NotAuthorizedException' },
      );
      const third = await passkeyChallenge(email);
      await assert.rejects(
        respond('WEB_AUTHN', third.session, {
          USERNAME: email,
          CREDENTIAL: JSON.stringify(
            authenticator.get(third.options, { origin: 'https://evil.example' }),
          ),
        }),
        { name: 'NotAuthorizedException' },
      );
      await assert.rejects(
        respond('WEB_AUTHN', third.session, {
          USERNAME: email,
          CREDENTIAL: JSON.stringify(authenticator.get(third.options, { rpId: 'evil.example' })),
        }),
        { name: 'NotAuthorizedException' },
      );
      // Still good with an honest assertion.
      const done = await respond('WEB_AUTHN', third.session, {
        USERNAME: email,
        CREDENTIAL: JSON.stringify(authenticator.get(third.options, { signCount: 10 })),
      });
      assert.ok(done.AuthenticationResult?.IdToken);
    });

    it('refuses an assertion from a credential the pool never registered, or another user’s', async () => {
      const alice = await signedIn('passkey-alice');
      const bob = await signedIn('passkey-bob');
      const alicesKey = new SoftwareAuthenticator();
      await register(alice.accessToken, alicesKey);
      const bobsKey = new SoftwareAuthenticator();
      await register(bob.accessToken, bobsKey);
      // A key made for this site whose registration was never completed.
      const stranger = new SoftwareAuthenticator();
      stranger.create(await startRegistration(alice.accessToken));

      const challenge = await passkeyChallenge(alice.email);
      await assert.rejects(
        respond('WEB_AUTHN', challenge.session, {
          USERNAME: alice.email,
          CREDENTIAL: JSON.stringify(stranger.get({ ...challenge.options, allowCredentials: [] })),
        }),
        { name: 'NotAuthorizedException' },
      );
      await assert.rejects(
        respond('WEB_AUTHN', challenge.session, {
          USERNAME: alice.email,
          CREDENTIAL: JSON.stringify(bobsKey.get({ ...challenge.options, allowCredentials: [] })),
        }),
        { name: 'NotAuthorizedException' },
      );
    });

    it('refuses registrations with a wrong origin, a wrong RP id, no or a replayed challenge', async () => {
      const { accessToken } = await signedIn('passkey-register');
      const authenticator = new SoftwareAuthenticator();
      await assert.rejects(complete(accessToken, { id: 'x', response: {} }), {
        name: 'WebAuthnChallengeNotFoundException',
      });
      let options = await startRegistration(accessToken);
      await assert.rejects(
        complete(accessToken, authenticator.create(options, { origin: 'https://evil.example' })),
        { name: 'WebAuthnOriginNotAllowedException' },
      );
      options = await startRegistration(accessToken);
      await assert.rejects(
        complete(accessToken, authenticator.create(options, { rpId: 'evil.example' })),
        { name: 'WebAuthnRelyingPartyMismatchException' },
      );
      options = await startRegistration(accessToken);
      await assert.rejects(
        complete(
          accessToken,
          authenticator.create(options, { challenge: 'AAAAAAAAAAAAAAAAAAAAAA' }),
        ),
        { name: 'WebAuthnChallengeNotFoundException' },
      );
      options = await startRegistration(accessToken);
      const good = authenticator.create(options);
      await complete(accessToken, good);
      await assert.rejects(complete(accessToken, good), {
        name: 'WebAuthnChallengeNotFoundException',
      });
      const listed = await pool.sdk.send(
        new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }),
      );
      assert.equal(listed.Credentials?.length, 1);
    });

    it('refuses a registration completed after the ceremony’s 3 minutes', async () => {
      const { accessToken } = await signedIn('passkey-late');
      const options = await startRegistration(accessToken);
      clock.advance(3 * 60_000 + 1);
      await assert.rejects(complete(accessToken, new SoftwareAuthenticator().create(options)), {
        name: 'WebAuthnChallengeNotFoundException',
      });
    });

    it('deletes a passkey (only one’s own) and then it no longer signs in', async () => {
      const alice = await signedIn('passkey-delete');
      const bob = await signedIn('passkey-delete-other');
      const authenticator = new SoftwareAuthenticator();
      await register(alice.accessToken, authenticator);
      const [credential] = (
        await pool.sdk.send(new ListWebAuthnCredentialsCommand({ AccessToken: alice.accessToken }))
      ).Credentials!;
      await assert.rejects(
        pool.sdk.send(
          new DeleteWebAuthnCredentialCommand({
            AccessToken: bob.accessToken,
            CredentialId: credential!.CredentialId,
          }),
        ),
        { name: 'ResourceNotFoundException' },
      );
      const challenge = await passkeyChallenge(alice.email);
      await pool.sdk.send(
        new DeleteWebAuthnCredentialCommand({
          AccessToken: alice.accessToken,
          CredentialId: credential!.CredentialId,
        }),
      );
      const listed = await pool.sdk.send(
        new ListWebAuthnCredentialsCommand({ AccessToken: alice.accessToken }),
      );
      assert.deepEqual(listed.Credentials, []);
      await assert.rejects(
        respond('WEB_AUTHN', challenge.session, {
          USERNAME: alice.email,
          CREDENTIAL: JSON.stringify(authenticator.get(challenge.options)),
        }),
        { name: 'NotAuthorizedException' },
      );
      await assert.rejects(
        pool.sdk.send(
          new DeleteWebAuthnCredentialCommand({
            AccessToken: alice.accessToken,
            CredentialId: credential!.CredentialId,
          }),
        ),
        { name: 'ResourceNotFoundException' },
      );
    });

    it('pages ListWebAuthnCredentials with MaxResults and NextToken', async () => {
      const { accessToken } = await signedIn('passkey-pages');
      for (let i = 0; i < 3; i += 1) {
        await register(accessToken, new SoftwareAuthenticator());
        clock.advance(1000);
      }
      const first = await pool.sdk.send(
        new ListWebAuthnCredentialsCommand({ AccessToken: accessToken, MaxResults: 2 }),
      );
      assert.equal(first.Credentials?.length, 2);
      assert.ok(first.NextToken);
      const second = await pool.sdk.send(
        new ListWebAuthnCredentialsCommand({
          AccessToken: accessToken,
          MaxResults: 2,
          NextToken: first.NextToken,
        }),
      );
      assert.equal(second.Credentials?.length, 1);
      assert.equal(second.NextToken, undefined);
      assert.deepEqual(
        [...first.Credentials!, ...second.Credentials!].map((c) => c.FriendlyCredentialName),
        ['Passkey 1', 'Passkey 2', 'Passkey 3'],
      );
    });
  });
});
