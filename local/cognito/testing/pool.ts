/** Shared set-up for the pool's tests: a pool on a random port in a fresh temp folder. */
import { mkdtemp, rm } from 'node:fs/promises';
import { after, before } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  type CognitoIdentityProviderClientConfig,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
  type InitiateAuthCommandOutput,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { localCloud } from '../../../amplify-config.ts';
import { type Clock } from '../../clock.ts';
import { type MailMessage } from '../mailbox.ts';
import { startUserPool, type UserPoolServer } from '../server.ts';
import {
  AuthenticationHelper,
  BigInteger,
  DateHelper,
  passwordVerifierAnswer,
} from './srp-client.ts';
import { type TriggerOptions } from '../triggers.ts';
import { type ExtraClients } from '../pool-config.ts';

export const poolId = localCloud.userPoolId;
export const spaClientId = localCloud.userPoolClientId;
export const machineClientId = localCloud.machineClientId;
export const strongPassword = 'Corr3ct-Horse!';

export interface TestPool {
  readonly server: UserPoolServer;
  readonly dataDir: string;
  readonly logs: string[];
  readonly sdk: CognitoIdentityProviderClient;
  /** Codes and messages sent to `to`, oldest first, read over HTTP like a person would. */
  mailbox(to?: string): Promise<MailMessage[]>;
  lastCode(to: string): Promise<string>;
  /** Stops the server (keeping the data folder unless `remove`). */
  stop(remove?: boolean): Promise<void>;
}

export interface TestPoolOptions {
  readonly clock?: Clock;
  readonly dataDir?: string;
  readonly port?: number;
  readonly triggers?: TriggerOptions;
  readonly clients?: ExtraClients;
}

/**
 * An AWS SDK client for the pool at `endpoint`. IAM operations must be SigV4-signed; the pool
 * accepts any access key (the signature is not checked), so these are dummy credentials.
 */
export function poolClient(
  endpoint: string,
  config: Partial<CognitoIdentityProviderClientConfig> = {},
): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint,
    region: localCloud.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    ...config,
  });
}

/** The messages the pool "sent" to `to` (or to anyone), oldest first, read over HTTP like a person would. */
export async function readMailbox(poolUrl: string, to?: string): Promise<MailMessage[]> {
  const response = await fetch(`${poolUrl}/_mailbox${to ? `?to=${encodeURIComponent(to)}` : ''}`);
  return (await response.json()) as MailMessage[];
}

export async function startTestPool(options: TestPoolOptions = {}): Promise<TestPool> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'cognito-test-')));
  const logs: string[] = [];
  const server = await startUserPool({
    dataDir,
    port: options.port ?? 0,
    clock: options.clock,
    triggers: options.triggers,
    clients: options.clients,
    log: (line) => logs.push(line),
  });
  const sdk = poolClient(server.url);
  const mailbox = (to?: string): Promise<MailMessage[]> => readMailbox(server.url, to);
  return {
    server,
    dataDir,
    logs,
    sdk,
    mailbox,
    async lastCode(to) {
      const messages = await mailbox(to);
      const last = messages.at(-1);
      if (!last) throw new Error(`no mail for ${to}`);
      return last.code;
    },
    async stop(remove = true) {
      sdk.destroy();
      await server.close();
      if (remove) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The pool of a test suite: started in the suite's `before` hook, stopped (its folder removed) in
 * its `after` hook. Its members may be used from the first test on.
 */
export function suitePool(options: TestPoolOptions = {}): TestPool {
  let current: TestPool | undefined;
  before(async () => {
    current = await startTestPool(options);
  });
  after(() => current?.stop());
  const started = (): TestPool => {
    if (!current) throw new Error('The suite pool starts in before(); use it from a test.');
    return current;
  };
  return {
    get server() {
      return started().server;
    },
    get dataDir() {
      return started().dataDir;
    },
    get logs() {
      return started().logs;
    },
    get sdk() {
      return started().sdk;
    },
    mailbox: (to) => started().mailbox(to),
    lastCode: (to) => started().lastCode(to),
    stop: (remove) => started().stop(remove),
  };
}

/**
 * Headers of a well-formed SigV4 signature for cognito-idp, for raw `fetch` calls to IAM-authorised
 * operations (the pool checks the form, not the signature, as any access key is accepted).
 */
export function sigV4Headers(): Record<string, string> {
  const now = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=local/${now.slice(0, 8)}/${localCloud.region}/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
    'x-amz-date': now,
  };
}

let counter = 0;
/** A fresh address per test so tests in one file never collide. */
export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label}.${process.pid}.${counter}.${Date.now()}@example.com`;
}

/** A CONFIRMED user made through the public API (SignUp + the mailed code); returns its sub. */
export async function createConfirmedUser(
  pool: TestPool,
  email: string,
  password = strongPassword,
): Promise<string> {
  const up = await pool.sdk.send(
    new SignUpCommand({
      ClientId: spaClientId,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  await pool.sdk.send(
    new ConfirmSignUpCommand({
      ClientId: spaClientId,
      Username: email,
      ConfirmationCode: await pool.lastCode(email),
    }),
  );
  return up.UserSub!;
}

/** Sets a user's attributes as an administrator would (AdminUpdateUserAttributes). */
export async function adminSetAttributes(
  pool: TestPool,
  username: string,
  attributes: Record<string, string>,
): Promise<void> {
  await pool.sdk.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: poolId,
      Username: username,
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
}

/** USER_PASSWORD_AUTH sign-in through the SDK; returns the AuthenticationResult. */
export async function passwordSignIn(
  pool: TestPool,
  email: string,
  password = strongPassword,
): Promise<Required<AuthenticationResultType>> {
  const response = await pool.sdk.send(
    new InitiateAuthCommand({
      ClientId: spaClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  if (!response.AuthenticationResult) throw new Error(`no tokens: ${JSON.stringify(response)}`);
  return response.AuthenticationResult as Required<AuthenticationResultType>;
}

export interface SrpStart {
  readonly challenge: InitiateAuthCommandOutput;
  /** The PASSWORD_VERIFIER answer the real client would send for `password`. */
  answer(password: string): Promise<Record<string, string>>;
}

/**
 * Step 1 of USER_SRP_AUTH as the real client does it, leaving step 2 to the test. `send` sends
 * SRP_A some other way (USER_AUTH with PASSWORD_SRP) and returns the PASSWORD_VERIFIER challenge.
 */
export async function startSrp(
  pool: TestPool,
  email: string,
  send?: (srpA: string) => Promise<InitiateAuthCommandOutput>,
): Promise<SrpStart> {
  const srpName = poolId.split('_')[1]!;
  const helper = new AuthenticationHelper(srpName);
  const A = await new Promise<string>((resolve, reject) =>
    helper.getLargeAValue((error, value) => (error ? reject(error) : resolve(value.toString(16)))),
  );
  const challenge = send
    ? await send(A)
    : await pool.sdk.send(
        new InitiateAuthCommand({
          ClientId: spaClientId,
          AuthFlow: 'USER_SRP_AUTH',
          AuthParameters: { USERNAME: email, SRP_A: A },
        }),
      );
  const parameters = challenge.ChallengeParameters ?? {};
  return {
    challenge,
    async answer(password) {
      const userId = parameters['USER_ID_FOR_SRP']!;
      const key = await new Promise<Uint8Array>((resolve, reject) =>
        helper.getPasswordAuthenticationKey(
          userId,
          password,
          new BigInteger(parameters['SRP_B']!, 16),
          new BigInteger(parameters['SALT']!, 16),
          (error, value) => (error ? reject(error) : resolve(value)),
        ),
      );
      return passwordVerifierAnswer(key, srpName, parameters, new DateHelper().getNowString());
    },
  };
}
