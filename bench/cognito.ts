/**
 * The local user pool's SRP sign-in cost: both round trips (InitiateAuth USER_SRP_AUTH, then
 * RespondToAuthChallenge PASSWORD_VERIFIER), the server's CPU time per sign-in, and sign-ins per
 * second with 8 concurrent clients. The pool runs in its own process (port 0, temp data folder) so
 * its CPU is measured apart from the clients'. Prints figures; asserts nothing.
 *
 * The clients here do the client half of SRP with native modular exponentiation (OpenSSL DH), so
 * they stay cheaper than the server and the figures describe the pool, not the clients. The real
 * clients' maths is checked against the pool in local/cognito/srp.test.ts and the client tests.
 *
 * Run: `node bench/cognito.ts` (or `npm run bench -- cognito`). BENCH_SECONDS sets the load run.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createDiffieHellman, createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { localCloud } from '../amplify-config.ts';
import { startUserPool } from '../local/cognito/server.ts';
import { N, g, k, padHex } from '../local/cognito/srp.ts';
import { DateHelper, passwordVerifierAnswer } from '../local/cognito/testing/srp-client.ts';
import { ms, percentile } from './support/figures.ts';

const seconds = Number(process.env['BENCH_SECONDS'] ?? 8);
const concurrency = 8;
const password = 'Bench-Passw0rd!';
const srpName = localCloud.userPoolId.split('_')[1]!;

/** Child process: the pool, answering the parent's requests for its CPU usage. */
async function serve(dataDir: string): Promise<void> {
  const server = await startUserPool({ dataDir, port: 0, log: () => undefined });
  process.send!({ url: server.url });
  process.on('message', (message) => {
    if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
    if (message === 'stop') void server.close().then(() => process.exit(0));
  });
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cognito-bench-'));
  const child = fork(fileURLToPath(import.meta.url), ['--serve', dataDir], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const { url } = await next<{ url: string }>(child);
    const emails = Array.from({ length: concurrency }, (_, i) => `bench${i}@example.com`);
    for (const email of emails) await createUser(url, email);
    const client = new SrpClient();

    for (let i = 0; i < 5; i++) await signIn(url, client, emails[0]!); // warm-up

    const runs = 40;
    const initiate: number[] = [];
    const respond: number[] = [];
    const clientWork: number[] = [];
    const cpuBefore = await serverCpu(child);
    for (let i = 0; i < runs; i++) {
      const timing = await signIn(url, client, emails[0]!);
      initiate.push(timing.initiate);
      respond.push(timing.respond);
      clientWork.push(timing.client);
    }
    const cpuAfter = await serverCpu(child);
    const serverCpuMs = (cpuAfter - cpuBefore) / 1000 / runs;

    const deadline = performance.now() + seconds * 1000;
    let completed = 0;
    let failed = 0;
    const loadCpuBefore = await serverCpu(child);
    const started = performance.now();
    await Promise.all(
      emails.map(async (email) => {
        while (performance.now() < deadline) {
          try {
            await signIn(url, client, email);
            completed += 1;
          } catch {
            failed += 1;
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const loadCpuMs = ((await serverCpu(child)) - loadCpuBefore) / 1000;

    console.log(
      `SRP sign-in against the local pool (${runs} sequential sign-ins, then ${seconds} s at ${concurrency} concurrent clients)`,
    );
    console.log(
      `  InitiateAuth USER_SRP_AUTH round trip         p50 ${ms(median(initiate))}  p90 ${ms(percentile(initiate, 0.9))}`,
    );
    console.log(
      `  RespondToAuthChallenge round trip            p50 ${ms(median(respond))}  p90 ${ms(percentile(respond, 0.9))}`,
    );
    console.log(
      `  both round trips                             p50 ${ms(median(initiate.map((v, i) => v + respond[i]!)))}`,
    );
    console.log(`  server CPU per sign-in                       ${ms(serverCpuMs)}`);
    console.log(`  client SRP work per sign-in (bench client)   p50 ${ms(median(clientWork))}`);
    console.log(
      `  sign-ins/s at ${concurrency} concurrent clients         ${(completed / elapsed).toFixed(1)}  (${completed} ok, ${failed} failed; server CPU ${ms(loadCpuMs / Math.max(completed, 1))} per sign-in)`,
    );
  } finally {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function call(
  url: string,
  operation: string,
  body: object,
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(`${operation}: ${String(json['__type'])} ${String(json['message'])}`);
  return json;
}

/** Admin operations need SigV4, so users are made with the SDK and the local dummy credentials. */
async function createUser(url: string, email: string): Promise<void> {
  const UserPoolId = localCloud.userPoolId;
  const admin = new CognitoIdentityProviderClient({
    endpoint: url,
    region: localCloud.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await admin.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        TemporaryPassword: password,
      }),
    );
    await admin.send(
      new AdminSetUserPasswordCommand({
        UserPoolId,
        Username: email,
        Password: password,
        Permanent: true,
      }),
    );
  } finally {
    admin.destroy();
  }
}

async function signIn(
  url: string,
  client: SrpClient,
  email: string,
): Promise<{ initiate: number; respond: number; client: number }> {
  let clientMs = 0;
  let t = performance.now();
  const { a, A } = client.start();
  clientMs += performance.now() - t;
  t = performance.now();
  const challenge = await call(url, 'InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: localCloud.userPoolClientId,
    AuthParameters: { USERNAME: email, SRP_A: A.toString(16) },
  });
  const initiate = performance.now() - t;
  t = performance.now();
  const parameters = challenge['ChallengeParameters'] as Record<string, string>;
  const responses = client.answer(a, A, parameters, password);
  clientMs += performance.now() - t;
  t = performance.now();
  const result = await call(url, 'RespondToAuthChallenge', {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: localCloud.userPoolClientId,
    ChallengeResponses: responses,
  });
  const respond = performance.now() - t;
  if (!(result['AuthenticationResult'] as { AccessToken?: string } | undefined)?.AccessToken)
    throw new Error('no tokens');
  return { initiate, respond, client: clientMs };
}

/** The client half of Cognito SRP, with OpenSSL doing the modular exponentiations. */
class SrpClient {
  // Creating the group checks N's primality once (about 2 s); every exponentiation after is native.
  readonly #dh = createDiffieHellman(
    Buffer.from(padHex(N).replace(/^00/, ''), 'hex'),
    Buffer.from([Number(g)]),
  );

  start(): { a: bigint; A: bigint } {
    const a = big(randomBytes(128));
    return { a, A: this.#pow(g, a) };
  }

  answer(
    a: bigint,
    A: bigint,
    parameters: Record<string, string>,
    secret: string,
  ): Record<string, string> {
    const B = BigInt(`0x${parameters['SRP_B']}`);
    const salt = BigInt(`0x${parameters['SALT']}`);
    const userId = parameters['USER_ID_FOR_SRP']!;
    const u = big(sha256(Buffer.from(padHex(A) + padHex(B), 'hex')));
    const inner = sha256(Buffer.from(`${srpName}${userId}:${secret}`, 'utf8')).toString('hex');
    const x = big(sha256(Buffer.from(padHex(salt) + inner, 'hex')));
    const base = (((B - ((k * this.#pow(g, x)) % N)) % N) + N) % N;
    const S = this.#pow(base, a + u * x);
    const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
      .update(Buffer.from(padHex(S), 'hex'))
      .digest();
    const key = createHmac('sha256', prk)
      .update(Buffer.concat([Buffer.from('Caldera Derived Key'), Buffer.from([1])]))
      .digest()
      .subarray(0, 16);
    return passwordVerifierAnswer(key, srpName, parameters, new DateHelper().getNowString());
  }

  /** base^exponent mod N, as a DH shared secret with `exponent` as the private key. */
  #pow(base: bigint, exponent: bigint): bigint {
    this.#dh.setPrivateKey(bytes(exponent));
    return big(this.#dh.computeSecret(bytes(base)));
  }
}

const sha256 = (data: Buffer): Buffer => createHash('sha256').update(data).digest();
const big = (buffer: Buffer): bigint => BigInt(`0x${buffer.toString('hex') || '0'}`);
function bytes(value: bigint): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

function next<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`pool process exited with ${code}`));
    child.once('exit', exited);
    child.once('message', (message) => {
      child.off('exit', exited);
      resolve(message as T);
    });
  });
}

async function serverCpu(child: ChildProcess): Promise<number> {
  const reply = next<{ cpu: NodeJS.CpuUsage }>(child);
  child.send('cpu');
  const { cpu } = await reply;
  return cpu.user + cpu.system;
}

const median = (values: number[]): number => percentile(values, 0.5);

// Last, so every class and constant above is initialised before either role starts.
if (process.argv[2] === '--serve') await serve(process.argv[3]!);
else await main();
