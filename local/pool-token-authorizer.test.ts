/**
 * api/authorizer/token-authorizer.ts against real tokens from the local user pool
 * (local/cognito): what `GET /custom/me` sees locally is what it would see on AWS.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { localCloud } from '../amplify-config.ts';
import { poolClient, readMailbox } from './cognito/testing/pool.ts';
import { createTokenAuthorizer } from '../api/authorizer/token-authorizer.ts';
import { getMeFromAuthorizerContext } from '../api/me.ts';
import { bodyOf, restEvent, tokenAuthorizerEvent } from '../api/testing/events.ts';
import { startUserPool, type UserPoolServer } from './cognito/server.ts';

let dataDir: string;
let pool: UserPoolServer;
let sdk: CognitoIdentityProviderClient;
let authorize: ReturnType<typeof createTokenAuthorizer>;
const email = `ada.${process.pid}@example.com`;
const password = 'Corr3ct-Horse!';
let sub: string;

async function signIn(): Promise<{ id: string; access: string }> {
  const { AuthenticationResult } = await sdk.send(
    new InitiateAuthCommand({
      ClientId: localCloud.userPoolClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  return { id: AuthenticationResult!.IdToken!, access: AuthenticationResult!.AccessToken! };
}

/** Runs the authorizer and returns the reason it logged for refusing, or the result. */
async function outcome(token: string) {
  const logged: string[] = [];
  const original = console.warn;
  console.warn = (line: unknown) => {
    logged.push(String(line));
  };
  try {
    return { result: await authorize(tokenAuthorizerEvent(token)) };
  } catch (error) {
    assert.equal((error as Error).message, 'Unauthorized');
    return { reason: (JSON.parse(logged[0]!) as { reason: string }).reason };
  } finally {
    console.warn = original;
  }
}

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pool-token-authorizer-'));
  pool = await startUserPool({ dataDir, port: 0, log: () => undefined });
  sdk = poolClient(pool.url);
  const up = await sdk.send(
    new SignUpCommand({
      ClientId: localCloud.userPoolClientId,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  sub = up.UserSub!;
  const mails = await readMailbox(pool.url, email);
  await sdk.send(
    new ConfirmSignUpCommand({
      ClientId: localCloud.userPoolClientId,
      Username: email,
      ConfirmationCode: mails.at(-1)!.code,
    }),
  );
  authorize = createTokenAuthorizer({
    issuer: pool.issuer,
    jwksUri: pool.jwksUri,
    clientIds: [localCloud.userPoolClientId],
    tokenUse: 'id',
  });
});

after(async () => {
  sdk.destroy();
  await pool.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('token authorizer with the local user pool', () => {
  it('allows the ID token of a signed-in user, and /custom/me greets them from the context', async () => {
    const { result } = await outcome((await signIn()).id);
    assert.ok(result, 'expected an Allow policy');
    assert.equal(result.principalId, sub);
    assert.equal(result.policyDocument.Statement[0]!.Effect, 'Allow');
    assert.deepEqual(result.context, { sub, email, username: sub });

    const answer = await getMeFromAuthorizerContext(
      restEvent({
        method: 'GET',
        resource: '/custom/me',
        authorizer: result.context as Record<string, string>,
        authorizerKind: 'lambda',
      }),
    );
    assert.equal(bodyOf<{ message: string }>(answer).message, `Hello, ${sub} with email ${email}!`);
  });

  it('refuses the access token of the same sign-in (this route wants an ID token)', async () => {
    assert.deepEqual(await outcome((await signIn()).access), {
      reason: 'CognitoJwtInvalidTokenUseError',
    });
  });

  it('refuses an ID token whose payload was edited', async () => {
    const [header, payload, signature] = (await signIn()).id.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const edited = Buffer.from(
      JSON.stringify({ ...claims, email: 'mallory@example.com' }),
    ).toString('base64url');
    assert.deepEqual(await outcome(`${header}.${edited}.${signature}`), {
      reason: 'JwtInvalidSignatureError',
    });
  });

  it('after the pool rotates its keys, accepts both old and new tokens (refetching the JWKS for the new kid)', async () => {
    const old = (await signIn()).id;
    assert.ok((await outcome(old)).result);
    await pool.rotateKeys();
    const fresh = (await signIn()).id;
    assert.ok((await outcome(fresh)).result, 'new kid found after a JWKS refetch');
    assert.ok((await outcome(old)).result, 'old key still published while its tokens live');
  });
});
