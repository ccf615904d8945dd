/**
 * AdminInitiateAuth and AdminRespondToAuthChallenge through the SigV4-signing AWS SDK: the
 * declared clients refuse the admin password flow; a client that allows it (given to the test
 * pool, as CreateUserPoolClient would make it) signs in with every flow and challenge.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserMFAPreferenceCommand,
  GetUserCommand,
  type AdminInitiateAuthCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { userPool, type AppClient } from '../../api/pool.ts';
import {
  createConfirmedUser,
  sigV4Headers,
  spaClientId,
  startSrp,
  startTestPool,
  strongPassword,
  uniqueEmail,
  type TestPool,
} from './testing/pool.ts';

/** A back-end client: admin password sign-in, SRP, choice-based sign-in and refresh. */
const serverClientId = 'testserverclient000000001';
/** The same, but telling unknown users apart (PreventUserExistenceErrors off). */
const revealingClientId = 'testrevealingclient000001';
const serverClient: AppClient = {
  ...userPool.clients.spa,
  name: 'test-server',
  explicitAuthFlows: [
    'ALLOW_ADMIN_USER_PASSWORD_AUTH',
    'ALLOW_USER_SRP_AUTH',
    'ALLOW_USER_AUTH',
    'ALLOW_REFRESH_TOKEN_AUTH',
  ],
};

describe('AdminInitiateAuth / AdminRespondToAuthChallenge', () => {
  let pool: TestPool;
  let UserPoolId: string;
  before(async () => {
    pool = await startTestPool({
      clients: {
        [serverClientId]: serverClient,
        [revealingClientId]: { ...serverClient, preventUserExistenceErrors: false },
      },
    });
    UserPoolId = pool.server.poolId;
  });
  after(() => pool.stop());

  const adminAuth = (input: Omit<AdminInitiateAuthCommandInput, 'UserPoolId'>) =>
    pool.sdk.send(new AdminInitiateAuthCommand({ UserPoolId, ...input }));
  const passwordAuth = (email: string, password = strongPassword, ClientId = serverClientId) =>
    adminAuth({
      ClientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    });
  const emailOf = async (accessToken: string | undefined) =>
    (await pool.sdk.send(new GetUserCommand({ AccessToken: accessToken }))).UserAttributes?.find(
      (a) => a.Name === 'email',
    )?.Value;

  it('the declared SPA client does not allow the admin password flow', async () => {
    for (const declared of Object.values(userPool.clients) as AppClient[])
      assert.ok(!declared.explicitAuthFlows.includes('ALLOW_ADMIN_USER_PASSWORD_AUTH'));
    const email = uniqueEmail('spa-admin');
    await createConfirmedUser(pool, email);
    for (const AuthFlow of ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'] as const) {
      await assert.rejects(
        adminAuth({
          ClientId: spaClientId,
          AuthFlow,
          AuthParameters: { USERNAME: email, PASSWORD: strongPassword },
        }),
        { name: 'InvalidParameterException', message: 'Auth flow not enabled for this client' },
      );
    }
  });

  it('needs a SigV4 signature, like every IAM-authorised operation', async () => {
    for (const operation of ['AdminInitiateAuth', 'AdminRespondToAuthChallenge']) {
      const call = (headers: Record<string, string>) =>
        fetch(pool.server.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
            ...headers,
          },
          body: JSON.stringify({ UserPoolId, ClientId: serverClientId, AuthFlow: 'X' }),
        });
      const unsigned = await call({});
      assert.equal(unsigned.status, 400);
      assert.equal(
        ((await unsigned.json()) as { __type: string }).__type,
        'MissingAuthenticationTokenException',
      );
      // Signed, it reaches the operation (which refuses the made-up flow or challenge).
      const signed = await call(sigV4Headers());
      assert.equal(
        ((await signed.json()) as { __type: string }).__type,
        'InvalidParameterException',
      );
    }
  });

  it('signs in with ADMIN_USER_PASSWORD_AUTH and its alias ADMIN_NO_SRP_AUTH', async () => {
    const email = uniqueEmail('admin-password');
    await createConfirmedUser(pool, email);
    const signedIn = await passwordAuth(email);
    assert.ok(signedIn.AuthenticationResult?.RefreshToken);
    assert.equal(await emailOf(signedIn.AuthenticationResult?.AccessToken), email);
    const alias = await adminAuth({
      ClientId: serverClientId,
      AuthFlow: 'ADMIN_NO_SRP_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: strongPassword },
    });
    assert.equal(await emailOf(alias.AuthenticationResult?.AccessToken), email);
    const payload = JSON.parse(
      Buffer.from(alias.AuthenticationResult!.AccessToken!.split('.')[1]!, 'base64url').toString(),
    ) as { client_id: string };
    assert.equal(payload.client_id, serverClientId);
  });

  it('refreshes with REFRESH_TOKEN_AUTH and REFRESH_TOKEN', async () => {
    const email = uniqueEmail('admin-refresh');
    await createConfirmedUser(pool, email);
    const { AuthenticationResult } = await passwordAuth(email);
    for (const AuthFlow of ['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN'] as const) {
      const refreshed = await adminAuth({
        ClientId: serverClientId,
        AuthFlow,
        AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! },
      });
      assert.equal(await emailOf(refreshed.AuthenticationResult?.AccessToken), email);
      assert.equal(refreshed.AuthenticationResult?.RefreshToken, undefined);
    }
  });

  it('refuses wrong passwords, unknown users (per PreventUserExistenceErrors) and disabled users', async () => {
    const email = uniqueEmail('admin-refusals');
    await createConfirmedUser(pool, email);
    await assert.rejects(passwordAuth(email, 'Wr0ng-Password!'), {
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    const nobody = uniqueEmail('nobody');
    await assert.rejects(passwordAuth(nobody), {
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    await assert.rejects(passwordAuth(nobody, strongPassword, revealingClientId), {
      name: 'UserNotFoundException',
    });
    await pool.sdk.send(new AdminDisableUserCommand({ UserPoolId, Username: email }));
    await assert.rejects(passwordAuth(email), {
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
  });

  it('refuses an unknown pool or client, a flow it does not run, and missing parameters', async () => {
    await assert.rejects(
      pool.sdk.send(
        new AdminInitiateAuthCommand({
          UserPoolId: 'us-east-1_Nope',
          ClientId: serverClientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'a@example.com', PASSWORD: strongPassword },
        }),
      ),
      { name: 'ResourceNotFoundException', message: 'User pool us-east-1_Nope does not exist.' },
    );
    await assert.rejects(
      adminAuth({
        ClientId: 'nosuchclient0000000000000',
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'a@example.com', PASSWORD: strongPassword },
      }),
      {
        name: 'ResourceNotFoundException',
        message: 'User pool client nosuchclient0000000000000 does not exist.',
      },
    );
    await assert.rejects(
      adminAuth({
        ClientId: serverClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'a@example.com', PASSWORD: strongPassword },
      }),
      { name: 'InvalidParameterException' },
    );
    await assert.rejects(
      adminAuth({
        ClientId: serverClientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'a@example.com' },
      }),
      { name: 'InvalidParameterException', message: 'Missing required parameter PASSWORD' },
    );
    await assert.rejects(
      pool.sdk.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: 'us-east-1_Nope',
          ClientId: serverClientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          ChallengeResponses: { USERNAME: 'a', NEW_PASSWORD: strongPassword },
        }),
      ),
      { name: 'ResourceNotFoundException' },
    );
  });

  it('asks an invited user for a new password (NEW_PASSWORD_REQUIRED), answered with AdminRespondToAuthChallenge', async () => {
    const email = uniqueEmail('admin-invited');
    await pool.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: email,
        TemporaryPassword: 'Temp-Passw0rd!',
        UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
      }),
    );
    const first = await passwordAuth(email, 'Temp-Passw0rd!');
    assert.equal(first.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    const answered = await pool.sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId,
        ClientId: serverClientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: {
          USERNAME: first.ChallengeParameters!['USER_ID_FOR_SRP']!,
          NEW_PASSWORD: strongPassword,
        },
      }),
    );
    assert.equal(await emailOf(answered.AuthenticationResult?.AccessToken), email);
    assert.ok((await passwordAuth(email)).AuthenticationResult?.IdToken);
  });

  it('asks for the second factor (EMAIL_OTP) and accepts only the right code', async () => {
    const email = uniqueEmail('admin-mfa');
    await createConfirmedUser(pool, email);
    await pool.sdk.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId,
        Username: email,
        EmailMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const challenge = await passwordAuth(email);
    assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
    const code = await pool.lastCode(email);
    const answer = (EMAIL_OTP_CODE: string) =>
      pool.sdk.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId,
          ClientId: serverClientId,
          ChallengeName: 'EMAIL_OTP',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE },
        }),
      );
    await assert.rejects(answer(code === '00000000' ? '00000001' : '00000000'), {
      name: 'CodeMismatchException',
    });
    assert.equal(await emailOf((await answer(code)).AuthenticationResult?.AccessToken), email);
  });

  it('runs SRP (USER_SRP_AUTH → PASSWORD_VERIFIER) and USER_AUTH (SELECT_CHALLENGE)', async () => {
    const email = uniqueEmail('admin-srp');
    await createConfirmedUser(pool, email);
    const srp = await startSrp(pool, email, (srpA) =>
      adminAuth({
        ClientId: serverClientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: email, SRP_A: srpA },
      }),
    );
    assert.equal(srp.challenge.ChallengeName, 'PASSWORD_VERIFIER');
    const verified = await pool.sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId,
        ClientId: serverClientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: await srp.answer(strongPassword),
      }),
    );
    assert.equal(await emailOf(verified.AuthenticationResult?.AccessToken), email);

    const choice = await adminAuth({
      ClientId: serverClientId,
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: email },
    });
    assert.equal(choice.ChallengeName, 'SELECT_CHALLENGE');
    assert.ok(choice.AvailableChallenges?.includes('PASSWORD'));
    const chosen = await pool.sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId,
        ClientId: serverClientId,
        ChallengeName: 'SELECT_CHALLENGE',
        Session: choice.Session,
        ChallengeResponses: { USERNAME: email, ANSWER: 'PASSWORD', PASSWORD: strongPassword },
      }),
    );
    assert.equal(await emailOf(chosen.AuthenticationResult?.AccessToken), email);
  });
});
