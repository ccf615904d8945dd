/** amazon-cognito-identity-js, unchanged: its default authenticateUser is SRP; refresh uses REFRESH_TOKEN_AUTH. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import {
  poolId,
  spaClientId,
  startTestPool,
  strongPassword,
  uniqueEmail,
  type TestPool,
} from './testing/pool.ts';

describe('amazon-cognito-identity-js against the local pool', () => {
  let pool: TestPool;
  let userPool: CognitoUserPool;
  before(async () => {
    pool = await startTestPool();
    userPool = new CognitoUserPool({
      UserPoolId: poolId,
      ClientId: spaClientId,
      endpoint: pool.server.url,
    });
  });
  after(() => pool.stop());

  const signUpUser = (email: string): Promise<string> =>
    new Promise((resolve, reject) => {
      userPool.signUp(
        email,
        strongPassword,
        [new CognitoUserAttribute({ Name: 'email', Value: email })],
        [],
        (error, result) => (error ? reject(error) : resolve(result!.userSub)),
      );
    });
  const confirm = (user: CognitoUser, code: string): Promise<unknown> =>
    new Promise((resolve, reject) =>
      user.confirmRegistration(code, true, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  const authenticate = (user: CognitoUser, password: string): Promise<CognitoUserSession> =>
    new Promise((resolve, reject) => {
      user.authenticateUser(
        new AuthenticationDetails({ Username: user.getUsername(), Password: password }),
        {
          onSuccess: resolve,
          onFailure: reject,
        },
      );
    });

  it('signs up, confirms, authenticates with SRP and refreshes the session', async () => {
    const email = uniqueEmail('cij');
    const sub = await signUpUser(email);
    const user = new CognitoUser({ Username: email, Pool: userPool });
    assert.equal(await confirm(user, await pool.lastCode(email)), 'SUCCESS');

    const session = await authenticate(user, strongPassword);
    assert.equal(session.isValid(), true);
    assert.equal(session.getIdToken().decodePayload()['sub'], sub);
    assert.equal(
      user.getUsername(),
      sub,
      'CIJ switches to USER_ID_FOR_SRP, the canonical username',
    );

    const refreshed = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.refreshSession(
        session.getRefreshToken(),
        (error: Error | null, result: CognitoUserSession) =>
          error ? reject(error) : resolve(result),
      ),
    );
    assert.notEqual(
      refreshed.getAccessToken().getJwtToken(),
      session.getAccessToken().getJwtToken(),
    );
    assert.equal(
      refreshed.getRefreshToken().getToken(),
      session.getRefreshToken().getToken(),
      'no rotation: the old refresh token stays',
    );

    const attributes = await new Promise<CognitoUserAttribute[]>((resolve, reject) =>
      user.getUserAttributes((error, result) => (error ? reject(error) : resolve(result!))),
    );
    assert.equal(attributes.find((a) => a.getName() === 'email')?.getValue(), email);
  });

  it('rejects a wrong password over SRP', async () => {
    const email = uniqueEmail('cij-wrong');
    await signUpUser(email);
    const user = new CognitoUser({ Username: email, Pool: userPool });
    await confirm(user, await pool.lastCode(email));
    await assert.rejects(
      authenticate(new CognitoUser({ Username: email, Pool: userPool }), 'Wr0ng-Password!'),
      {
        code: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
      },
    );
  });

  it('reports duplicate sign-up as UsernameExistsException', async () => {
    const email = uniqueEmail('cij-dup');
    await signUpUser(email);
    await assert.rejects(signUpUser(email), { code: 'UsernameExistsException' });
  });
});
