/**
 * The Lambda triggers of api/triggers/, run by the local pool, through the AWS SDK and Amplify v6:
 * the same modules the stack deploys, with Cognito's event shapes and error semantics.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signUp } from 'aws-amplify/auth';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { NotesStore } from '../../api/notes/store.ts';
import { groups, scopes } from '../../api/pool.ts';
import { triggers } from '../../api/triggers/declaration.ts';
import { welcomeNote, welcomeNoteId } from '../../api/triggers/post-confirmation.ts';
import { startTestDynamoDb, type TestDynamoDb } from '../../api/testing/dynamodb.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localTriggerEnv } from '../handler-env.ts';
import {
  createConfirmedUser,
  passwordSignIn,
  poolId as UserPoolId,
  spaClientId,
  startTestPool,
  strongPassword,
  uniqueEmail,
  type TestPool,
} from './testing/pool.ts';
import { assertRefused } from './testing/errors.ts';
import { configureAmplify } from './testing/amplify.ts';
import { seen } from './testing/triggers.ts';
import { triggerTimeoutMs } from './triggers.ts';

const testTriggers = 'local/cognito/testing/triggers.ts';

describe('Lambda triggers of api/pool.ts, run by the local pool', () => {
  let db: TestDynamoDb;
  let pool: TestPool;
  let notes: NotesStore;
  before(async () => {
    db = await startTestDynamoDb();
    pool = await startTestPool({
      triggers: {
        env: {
          ...localTriggerEnv({ dynamodbEndpoint: db.endpoint }),
          // The declaration welcomes every domain; this pool tries an allow-list.
          ALLOWED_EMAIL_DOMAINS: 'example.com,Example.ORG',
        },
      },
    });
    notes = new NotesStore({
      client: DynamoDBDocumentClient.from(
        new DynamoDBClient({
          endpoint: db.endpoint,
          region: 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }),
      ),
    });
  });
  after(async () => {
    await pool.stop();
    await db.close();
  });

  it('pre sign-up: refuses a domain outside the allow-list with Cognito’s message', async () => {
    await assertRefused(
      pool.sdk.send(
        new SignUpCommand({
          ClientId: spaClientId,
          Username: 'mallory@elsewhere.test',
          Password: strongPassword,
        }),
      ),
      'UserLambdaValidationException',
      'PreSignUp failed with error Sign-up is open to @example.com, @example.org addresses only.',
    );
    assert.deepEqual(await pool.mailbox('mallory@elsewhere.test'), [], 'no code was sent');
    await assertRefused(
      pool.sdk.send(new AdminCreateUserCommand({ UserPoolId, Username: 'eve@elsewhere.test' })),
      'UserLambdaValidationException',
      /^PreSignUp failed with error/,
    );
    // Allowed domains compare case-insensitively.
    await pool.sdk.send(
      new SignUpCommand({
        ClientId: spaClientId,
        Username: uniqueEmail('fine').replace('example.com', 'EXAMPLE.org'),
        Password: strongPassword,
      }),
    );
  });

  it('pre sign-up: Amplify v6 sees the refusal as UserLambdaValidationException', async () => {
    configureAmplify(pool);
    await assert.rejects(
      signUp({ username: 'trudy@elsewhere.test', password: strongPassword }),
      (error: Error) => {
        assert.equal(error.name, 'UserLambdaValidationException');
        assert.match(error.message, /^PreSignUp failed with error Sign-up is open to/);
        return true;
      },
    );
  });

  it('custom message and post confirmation: the app’s own email, then a welcome note', async () => {
    const email = uniqueEmail('welcome');
    const sub = await createConfirmedUser(pool, email);
    const [mail] = await pool.mailbox(email);
    assert.equal(mail?.subject, 'Welcome to Notes: confirm your email');
    assert.equal(
      mail?.body,
      `Welcome to Notes! Your confirmation code is ${mail?.code}. It is valid for 24 hours.`,
    );
    assert.match(mail?.code ?? '', /^\d{6}$/);

    const page = await notes.list(sub, { limit: 10 });
    assert.equal(page.notes.length, 1);
    assert.equal(page.notes[0]?.noteId, welcomeNoteId(sub));
    assert.equal(page.notes[0]?.title, welcomeNote.title);
    assert.equal(page.notes[0]?.content, welcomeNote.content);

    await pool.sdk.send(new ForgotPasswordCommand({ ClientId: spaClientId, Username: email }));
    const reset = (await pool.mailbox(email)).at(-1);
    assert.equal(reset?.subject, 'Reset your Notes password');
    assert.ok(reset?.body.includes(`use the code ${reset.code} within the hour`));
  });

  it('custom message: an invitation carries the username and the temporary password', async () => {
    const email = uniqueEmail('invited');
    await pool.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: email,
        TemporaryPassword: 'Temp-Passw0rd!',
      }),
    );
    const invitation = (await pool.mailbox(email)).at(-1);
    assert.equal(invitation?.subject, 'You are invited to Notes');
    assert.ok(
      invitation?.body.includes(`Sign in as ${email} with the temporary password Temp-Passw0rd!`),
    );
    assert.ok(!pool.logs.some((line) => line.includes('Temp-Passw0rd!')));
  });

  it(`pre token generation (v2): ${scopes.admin} in access tokens of admins only, on refresh too`, async () => {
    const admin = uniqueEmail('admin');
    const plain = uniqueEmail('plain');
    await createConfirmedUser(pool, admin);
    await createConfirmedUser(pool, plain);
    await pool.sdk.send(
      new AdminAddUserToGroupCommand({
        UserPoolId,
        Username: admin,
        GroupName: groups.admins.name,
      }),
    );
    const adminTokens = await passwordSignIn(pool, admin);
    const access = decodeJwt(adminTokens.AccessToken);
    assert.deepEqual(String(access['scope']).split(' ').sort(), [
      'aws.cognito.signin.user.admin',
      scopes.admin,
    ]);
    assert.deepEqual(access['cognito:groups'], ['admins']);
    assert.equal(decodeJwt(adminTokens.IdToken)['scope'], undefined, 'ID tokens have no scope');

    const refreshed = await pool.sdk.send(
      new InitiateAuthCommand({
        ClientId: spaClientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: adminTokens.RefreshToken },
      }),
    );
    assert.ok(
      String(decodeJwt(refreshed.AuthenticationResult!.AccessToken!)['scope']).includes(
        scopes.admin,
      ),
    );

    const plainTokens = await passwordSignIn(pool, plain);
    assert.equal(decodeJwt(plainTokens.AccessToken)['scope'], 'aws.cognito.signin.user.admin');
  });
});

describe('trigger events and failures, as Cognito has them', () => {
  let pool: TestPool;
  let running: TestPool | undefined;
  const start = async (options: Parameters<typeof startTestPool>[0]) => {
    running = pool = await startTestPool(options);
  };
  const stop = async () => {
    const current = running;
    running = undefined;
    await current?.stop();
  };
  after(stop);

  it('waits 5 s for a trigger, as Cognito does', () => {
    assert.equal(triggerTimeoutMs, 5000);
  });

  it('hands a trigger Cognito’s event shape', async () => {
    await start({
      triggers: {
        handlers: {
          preSignUp: { module: testTriggers, export: 'records' },
          postConfirmation: { module: testTriggers, export: 'records' },
          preTokenGeneration: { module: testTriggers, export: 'records' },
        },
      },
    });
    seen.length = 0;
    const email = uniqueEmail('shape');
    const sub = await createConfirmedUser(pool, email);
    await passwordSignIn(pool, email);
    const [preSignUp, postConfirmation, preToken] = seen as Record<string, unknown>[];
    assert.deepEqual(preSignUp, {
      version: '1',
      triggerSource: 'PreSignUp_SignUp',
      region: 'us-east-1',
      userPoolId: UserPoolId,
      userName: sub,
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: spaClientId },
      request: { userAttributes: { email }, validationData: null },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    assert.equal(postConfirmation?.['triggerSource'], 'PostConfirmation_ConfirmSignUp');
    const confirmedAttributes = (postConfirmation?.['request'] as Record<string, unknown>)[
      'userAttributes'
    ] as Record<string, string>;
    assert.equal(confirmedAttributes['sub'], sub);
    assert.equal(confirmedAttributes['email_verified'], 'true');
    assert.equal(confirmedAttributes['cognito:user_status'], 'CONFIRMED');
    assert.equal(preToken?.['version'], '2');
    assert.equal(preToken?.['triggerSource'], 'TokenGeneration_Authentication');
    assert.deepEqual((preToken?.['request'] as Record<string, unknown>)['groupConfiguration'], {
      groupsToOverride: [],
      iamRolesToOverride: [],
      preferredRole: null,
    });
    await stop();
  });

  for (const [name, exportName, type, message] of [
    [
      'a throw',
      'throws',
      'UserLambdaValidationException',
      'PreSignUp failed with error nobody may sign up today.',
    ],
    [
      'a timeout',
      'slow',
      'UnexpectedLambdaException',
      'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.',
    ],
    [
      'an answer that is not the event',
      'answersNothing',
      'InvalidLambdaResponseException',
      'Unrecognizable lambda output',
    ],
  ] as const) {
    it(`turns ${name} into ${type} and creates no user`, async () => {
      await start({
        triggers: {
          handlers: { preSignUp: { module: testTriggers, export: exportName } },
          timeoutMs: 200,
        },
      });
      const email = uniqueEmail('failing');
      await assertRefused(
        pool.sdk.send(
          new SignUpCommand({ ClientId: spaClientId, Username: email, Password: strongPassword }),
        ),
        type,
        message,
      );
      assert.equal(pool.server.poolId, UserPoolId);
      await assertRefused(
        pool.sdk.send(
          new InitiateAuthCommand({
            ClientId: spaClientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: email, PASSWORD: strongPassword },
          }),
        ),
        'NotAuthorizedException',
        /Incorrect username or password/,
      );
      await stop();
    });
  }

  it('declares every trigger the CDK attaches', () => {
    assert.deepEqual(Object.keys(triggers).sort(), [
      'customMessage',
      'postConfirmation',
      'preSignUp',
      'preTokenGeneration',
    ]);
  });
});
