/**
 * End to end with the real pieces: tokens from the local user pool (local/cognito, driven by the
 * AWS SDK), the gateway serving api/routes.ts, the real handlers, and dynalite on disk.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { localCloud } from '../../amplify-config.ts';
import { poolClient } from '../cognito/testing/pool.ts';
import { scopes } from '../../api/pool.ts';
import { ManualClock } from '../testing/clock.ts';
import { localClientIds } from '../cognito/pool-config.ts';
import { startUserPool, type UserPoolServer } from '../cognito/server.ts';
import { startDynamoDb, type LocalDynamoDb } from '../dynamodb.ts';
import { localHandlerEnv } from '../handler-env.ts';
import { startGateway, type Gateway } from './server.ts';
import { callAsSpa, spaOrigin } from './testing/fixture.ts';

const password = 'Corr3ct-Horse!';

let dataDir: string;
let poolClock: ManualClock;
let pool: UserPoolServer;
let db: LocalDynamoDb;
let gateway: Gateway;
let sdk: CognitoIdentityProviderClient;

async function createUser(email: string): Promise<string> {
  const created = await sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: pool.poolId,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  await sdk.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: pool.poolId,
      Username: email,
      Password: password,
      Permanent: true,
    }),
  );
  return created.User!.Attributes!.find((a) => a.Name === 'sub')!.Value!;
}

async function signIn(email: string): Promise<{ id: string; access: string }> {
  const { AuthenticationResult } = await sdk.send(
    new InitiateAuthCommand({
      ClientId: localCloud.userPoolClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  return { id: AuthenticationResult!.IdToken!, access: AuthenticationResult!.AccessToken! };
}

async function machineToken(): Promise<string> {
  const { UserPoolClient } = await sdk.send(
    new DescribeUserPoolClientCommand({
      UserPoolId: pool.poolId,
      ClientId: localCloud.machineClientId,
    }),
  );
  const basic = Buffer.from(
    `${localCloud.machineClientId}:${UserPoolClient!.ClientSecret!}`,
  ).toString('base64');
  const res = await fetch(`${pool.url}/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const call = (
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
  headers?: Record<string, string>,
) => callAsSpa(gateway.url, method, path, token, body, headers);

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gateway-pool-'));
  poolClock = new ManualClock();
  pool = await startUserPool({ dataDir, port: 0, clock: poolClock, log: () => undefined });
  db = await startDynamoDb({ dataDir, port: 0 });
  sdk = poolClient(pool.url);
  gateway = await startGateway({
    port: 0,
    issuer: pool.issuer,
    jwksUri: pool.jwksUri,
    clientIds: localClientIds,
    allowedOrigins: [spaOrigin],
    handlerEnv: localHandlerEnv({
      dynamodbEndpoint: db.endpoint,
      issuer: pool.issuer,
      jwksUri: pool.jwksUri,
    }),
  });
});

after(async () => {
  sdk.destroy();
  await gateway.close();
  await db.close();
  await pool.close();
  await rm(dataDir, { recursive: true, force: true });
});

interface NoteBody {
  noteId: string;
  title?: string;
  content: string;
  version: number;
}

describe('a token from the local user pool, through the local gateway, to the Notes API', () => {
  it('creates, lists, edits and deletes a note', async () => {
    const email = `ada.${process.pid}@example.com`;
    const sub = await createUser(email);
    const { id } = await signIn(email);

    const created = await call('POST', '/notes', id, { title: 'Groceries', content: 'milk' });
    assert.equal(created.status, 201);
    const note = created.body!['note'] as NoteBody;

    const listed = await call('GET', '/notes', id);
    assert.deepEqual(
      (listed.body!['notes'] as NoteBody[]).map((n) => n.noteId),
      [note.noteId],
    );

    const edited = await call(
      'PUT',
      `/notes/${note.noteId}`,
      id,
      { title: 'Groceries', content: 'milk, eggs' },
      { 'if-match': `"${note.version}"` },
    );
    assert.equal(edited.status, 200);
    const stale = await call(
      'PUT',
      `/notes/${note.noteId}`,
      id,
      { content: 'lost update' },
      { 'if-match': `"${note.version}"` },
    );
    assert.equal(stale.status, 412);
    assert.equal(
      ((await call('GET', `/notes/${note.noteId}`, id)).body!['note'] as NoteBody).content,
      'milk, eggs',
    );

    assert.equal((await call('DELETE', `/notes/${note.noteId}`, id)).status, 200);
    assert.equal((await call('GET', `/notes/${note.noteId}`, id)).status, 404);

    const me = await call('GET', '/me', id);
    assert.equal(me.body!['message'], `Hello, ${sub} with email ${email}!`);
    const customMe = await call('GET', '/custom/me', `Bearer ${id}`);
    assert.equal(customMe.status, 200);
    assert.equal(customMe.body!['message'], `Hello, ${sub} with email ${email}!`);
  });

  it("accepts the ID token of an SRP sign-in by amazon-cognito-identity-js (Amplify's default flow)", async () => {
    const email = `srp.${process.pid}@example.com`;
    const sub = await createUser(email);
    const userPool = new CognitoUserPool({
      UserPoolId: pool.poolId,
      ClientId: localCloud.userPoolClientId,
      endpoint: pool.url,
    });
    const user = new CognitoUser({ Username: email, Pool: userPool });
    const session = await new Promise<CognitoUserSession>((resolve, reject) => {
      user.authenticateUser(new AuthenticationDetails({ Username: email, Password: password }), {
        onSuccess: resolve,
        onFailure: reject,
      });
    });
    const me = await call('GET', '/me', session.getIdToken().getJwtToken());
    assert.equal(me.status, 200);
    assert.equal(me.body!['message'], `Hello, ${sub} with email ${email}!`);
  });

  it('refuses a forged token: payload edited to another user', async () => {
    const victim = await createUser(`victim.${process.pid}@example.com`);
    const email = `mallory.${process.pid}@example.com`;
    await createUser(email);
    const [header, payload, signature] = (await signIn(email)).id.split('.') as [
      string,
      string,
      string,
    ];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: victim })).toString('base64url')}.${signature}`;
    const res = await call('GET', '/notes', forged);
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, { message: 'Unauthorized' });
    assert.equal(res.headers.get('access-control-allow-origin'), spaOrigin);
  });

  it('refuses an expired token with "The incoming token has expired"', async () => {
    const email = `late.${process.pid}@example.com`;
    await createUser(email);
    poolClock.advance(-2 * 3600_000); // the pool signs as if two hours ago: the ID token lived 1 h
    const { id } = await signIn(email);
    poolClock.advance(2 * 3600_000);
    const res = await call('GET', '/notes', id);
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, { message: 'The incoming token has expired' });
  });

  it('refuses the access token where the Notes API wants the ID token', async () => {
    const email = `access.${process.pid}@example.com`;
    await createUser(email);
    assert.equal((await call('GET', '/notes', (await signIn(email)).access)).status, 401);
  });

  it('lets the machine client add a note for a user (write scope) and answers 403 on the read route', async () => {
    const email = `target.${process.pid}@example.com`;
    const sub = await createUser(email);
    const token = await machineToken();
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
      scope: string;
    };
    assert.equal(claims.scope, scopes.notesWrite);

    const added = await call('POST', '/integrations/v1/notes', `Bearer ${token}`, {
      userId: sub,
      content: 'from the back office',
    });
    assert.equal(added.status, 201);
    const read = await call('GET', `/integrations/v1/notes?userId=${sub}`, `Bearer ${token}`);
    assert.equal(read.status, 403);
    assert.deepEqual(read.body, { message: 'Forbidden' });

    const own = await call('GET', '/notes', (await signIn(email)).id);
    assert.deepEqual(
      (own.body!['notes'] as NoteBody[]).map((n) => n.content),
      ['from the back office'],
    );
  });

  it("refuses a user's ID token on the integrations routes (audience is the machine client)", async () => {
    const email = `nosy.${process.pid}@example.com`;
    await createUser(email);
    const res = await call('POST', '/integrations/v1/notes', (await signIn(email)).id, {
      userId: '00000000-0000-4000-8000-000000000000',
      content: 'x',
    });
    assert.equal(res.status, 401);
  });
});
