/**
 * The local user pool's cost against its size: USER_PASSWORD_AUTH sign-in latency (p50, p99)
 * and AdminCreateUser latency in pools of 10, 10 000 and 100 000 users, through the AWS SDK over
 * HTTP, and ListUsers with an indexed filter (email) and with one no index covers (given_name,
 * read within a bounded window); then, in the largest pool, the PreventUserExistenceErrors paths side by side (a wrong
 * password, both SRP steps and ForgotPassword, for a real user and for an unknown name), which
 * should cost the same. Users are seeded straight into the store (one transaction, a stand-in
 * verifier for the filler users) so the bench stays within a couple of minutes on two cores.
 * Prints figures; asserts nothing.
 *
 * Run: `node bench/cognito-scale.ts` (or `npm run bench -- cognito-scale`).
 * BENCH_SCALE_SIZES overrides the sizes (comma-separated).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { localCloud } from '../amplify-config.ts';
import { startUserPool } from '../local/cognito/server.ts';
import { createVerifier, g, modPow, N } from '../local/cognito/srp.ts';
import { PoolStore, type UserRecord } from '../local/cognito/store.ts';
import { DateHelper } from '../local/cognito/testing/srp-client.ts';
import { ms, percentile } from './support/figures.ts';

const sizes = (process.env['BENCH_SCALE_SIZES'] ?? '10,10000,100000').split(',').map(Number);
const password = 'Bench-Passw0rd!';
const srpName = localCloud.userPoolId.split('_')[1]!;
const signIns = 150;
const creates = 60;
const lists = 30;
/** Real users (with real verifiers) for the paths that count attempts: one attempt each. */
const probes = 40;

async function main(): Promise<void> {
  const results: {
    size: number;
    signIn: number[];
    create: number[];
    byEmail: number[];
    byGivenName: number[];
  }[] = [];
  let enumeration: Record<string, [number[], number[]]> | undefined;
  let interference: { alone: number; beside: number; burst: number } | undefined;
  for (const size of sizes) {
    const dataDir = await mkdtemp(join(tmpdir(), 'cognito-scale-'));
    try {
      const seeded = await seed(dataDir, size);
      const server = await startUserPool({ dataDir, port: 0, log: () => undefined });
      const sdk = new CognitoIdentityProviderClient({
        endpoint: server.url,
        region: localCloud.region,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      });
      try {
        const signIn = () =>
          sdk.send(
            new InitiateAuthCommand({
              ClientId: localCloud.userPoolClientId,
              AuthFlow: 'USER_PASSWORD_AUTH',
              AuthParameters: { USERNAME: seeded.email, PASSWORD: password },
            }),
          );
        for (let i = 0; i < 20; i++) await signIn(); // warm-up (JIT, page cache)
        const signInTimes = await timed(signIns, () => signIn());
        const createTimes = await timed(creates, (i) =>
          sdk.send(
            new AdminCreateUserCommand({
              UserPoolId: localCloud.userPoolId,
              Username: `created-${size}-${i}@example.com`,
              TemporaryPassword: password,
              MessageAction: 'SUPPRESS',
            }),
          ),
        );
        const list = (Filter: string) =>
          sdk.send(new ListUsersCommand({ UserPoolId: localCloud.userPoolId, Filter, Limit: 60 }));
        const byEmail = await timed(lists, () => list(`email = "${seeded.email}"`));
        const byGivenName = await timed(lists, () => list('given_name ^= "Nobody"'));
        results.push({ size, signIn: signInTimes, create: createTimes, byEmail, byGivenName });
        if (size === Math.max(...sizes)) {
          enumeration = await enumerationPaths(sdk, seeded.probes);
          interference = await besideLockedBurst(server.url, seeded.probes.at(-1)!, () => signIn());
        }
      } finally {
        sdk.destroy();
        await server.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }

  console.log(
    `Local user pool against its size (${signIns} sequential sign-ins, ${creates} AdminCreateUser, AWS SDK over HTTP)`,
  );
  const base = results[0]!;
  for (const { size, signIn, create, byEmail, byGivenName } of results) {
    const ratio = percentile(signIn, 0.5) / percentile(base.signIn, 0.5);
    console.log(
      `  ${String(size).padStart(7)} users  USER_PASSWORD_AUTH p50 ${ms(percentile(signIn, 0.5))}  p99 ${ms(percentile(signIn, 0.99))}  (${ratio.toFixed(2)}× ${base.size})   AdminCreateUser p50 ${ms(percentile(create, 0.5))}  p99 ${ms(percentile(create, 0.99))}   ListUsers email = p50 ${ms(percentile(byEmail, 0.5))}  given_name ^= (no match, one window) p50 ${ms(percentile(byGivenName, 0.5))}`,
    );
  }
  if (interference) {
    console.log(
      `  another user's sign-in while ${lockedBurst} parallel attempts hit a locked account: ${ms(interference.beside)} (alone ${ms(interference.alone)}; the burst took ${ms(interference.burst)})`,
    );
  }
  if (enumeration) {
    console.log(
      `PreventUserExistenceErrors in the ${Math.max(...sizes)}-user pool: real user vs unknown name (${probes} each, p50)`,
    );
    for (const [label, [real, unknown]] of Object.entries(enumeration)) {
      console.log(
        `  ${label.padEnd(40)} real ${ms(percentile(real, 0.5))}  unknown ${ms(percentile(unknown, 0.5))}  (${(percentile(unknown, 0.5) / percentile(real, 0.5)).toFixed(2)}×)`,
      );
    }
  }
}

/**
 * `size` users straight into the store: one real account to sign in with, `probes` more with
 * real verifiers, the rest with a stand-in verifier (they are only there to be many).
 */
async function seed(dataDir: string, size: number): Promise<{ email: string; probes: string[] }> {
  const store = await PoolStore.open(join(dataDir, 'cognito'), Date.now());
  const now = Date.now();
  const user = (email: string, verifier: UserRecord['password']): UserRecord => {
    const username = randomUUID();
    return {
      username,
      attributes: { sub: username, email, email_verified: 'true' },
      status: 'CONFIRMED',
      enabled: true,
      createdAt: now,
      updatedAt: now,
      password: verifier ?? createVerifier(srpName, username, password),
      extra: {},
    };
  };
  const email = 'signer@example.com';
  const probeEmails = Array.from({ length: probes }, (_, i) => `probe${i}@example.com`);
  const filler = {
    salt: randomBytes(16).toString('hex'),
    verifier: randomBytes(384).toString('hex'),
  };
  store.transaction(() => {
    store.putUser(user(email, undefined));
    for (const probe of probeEmails) store.putUser(user(probe, undefined));
    for (let i = probeEmails.length + 1; i < size; i++)
      store.putUser(user(`filler${i}@example.com`, filler));
  });
  store.close();
  return { email, probes: probeEmails };
}

/** Each path once per probe user and once per unknown name, alternating. */
async function enumerationPaths(
  sdk: CognitoIdentityProviderClient,
  realEmails: string[],
): Promise<Record<string, [number[], number[]]>> {
  const clientId = localCloud.userPoolClientId;
  const unknownEmails = realEmails.map((_, i) => `nobody${i}@example.com`);
  const measure = async (
    run: (email: string) => Promise<unknown>,
  ): Promise<[number[], number[]]> => {
    const real: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < realEmails.length; i++) {
      real.push(await once(() => run(realEmails[i]!)));
      unknown.push(await once(() => run(unknownEmails[i]!)));
    }
    return [real, unknown];
  };
  const initiateSrp = (email: string) =>
    sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: email, SRP_A: srpA() },
      }),
    );
  const challenges = new Map<string, Record<string, string>>();
  return {
    'USER_PASSWORD_AUTH, wrong password': await measure((email) =>
      sdk.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD: 'Wrong-Passw0rd!' },
        }),
      ),
    ),
    'InitiateAuth USER_SRP_AUTH': await measure(async (email) => {
      const answer = await initiateSrp(email);
      challenges.set(email, answer.ChallengeParameters!);
    }),
    'RespondToAuthChallenge, wrong proof': await measure((email) => {
      const parameters = challenges.get(email)!;
      return sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeResponses: {
            USERNAME: parameters['USER_ID_FOR_SRP']!,
            PASSWORD_CLAIM_SECRET_BLOCK: parameters['SECRET_BLOCK']!,
            TIMESTAMP: new DateHelper().getNowString(),
            PASSWORD_CLAIM_SIGNATURE: randomBytes(32).toString('base64'),
          },
        }),
      );
    }),
    ForgotPassword: await measure((email) =>
      sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: email })),
    ),
  };
}

const lockedBurst = 500;

/**
 * One user's sign-in while an attacker's burst of wrong passwords hits an account locked out
 * already (raw fetch, every request at once): the refusals must not hold other users up long.
 */
async function besideLockedBurst(
  url: string,
  victim: string,
  signIn: () => Promise<unknown>,
): Promise<{ alone: number; beside: number; burst: number }> {
  const attempt = () =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: JSON.stringify({
        ClientId: localCloud.userPoolClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: victim, PASSWORD: 'Wrong-Passw0rd!' },
      }),
    }).then((response) => response.arrayBuffer());
  for (let i = 0; i < 6; i++) await attempt(); // locked now
  const alone = await once(signIn);
  const started = performance.now();
  const burst = Promise.all(Array.from({ length: lockedBurst }, attempt));
  const beside = await once(signIn);
  await burst;
  return { alone, beside, burst: performance.now() - started };
}

/** A valid SRP_A (g^a mod N for a random a). */
function srpA(): string {
  return modPow(g, BigInt(`0x${randomBytes(32).toString('hex')}`), N).toString(16);
}

/** Milliseconds of one call; a refusal (the wrong-password paths) counts like an answer. */
async function once(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run().catch(() => undefined);
  return performance.now() - started;
}

async function timed(count: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return times;
}

await main();
