import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { localCloud } from '../amplify-config.ts';
import { poolClient } from './cognito/testing/pool.ts';

interface RunningCloud {
  readonly process: ChildProcess;
  readonly cognitoUrl: string;
  readonly apiUrl: string;
  readonly output: () => string;
}

/** Starts `npm run cloud` as a person would (on free ports) and waits for its banner. */
async function startCloud(dataDir: string, ...args: string[]): Promise<RunningCloud> {
  return startCloudWith(dataDir, {}, ...args);
}

/** The same, with extra environment variables (as `ALLOWED_EMAIL_DOMAINS=… npm start`). */
async function startCloudWith(
  dataDir: string,
  extraEnv: Record<string, string>,
  ...args: string[]
): Promise<RunningCloud> {
  const child = spawn(process.execPath, ['local/main.ts', ...args], {
    env: {
      ...process.env,
      ...extraEnv,
      COGNITO_PORT: '0',
      API_PORT: '0',
      DYNAMODB_PORT: '0',
      LOCAL_CLOUD_DATA: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 30 s:\n${output}`)), 30_000);
    child.stdout.on('data', () => {
      if (output.includes('Ctrl-C stops everything')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`local cloud exited with ${code}:\n${output}`)));
  });
  const url = (label: string) => {
    const match = new RegExp(`${label}\\s+(http://\\S+)`).exec(output);
    assert.ok(match, `banner names the ${label}:\n${output}`);
    return match[1]!;
  };
  return {
    process: child,
    cognitoUrl: url('Cognito user pool'),
    apiUrl: url('API gateway'),
    output: () => output,
  };
}

async function stopWithCtrlC(cloud: RunningCloud): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) =>
    cloud.process.on('exit', (code) => resolve(code)),
  );
  cloud.process.kill('SIGINT');
  return exited;
}

describe('npm run cloud (local/main.ts)', () => {
  let dataDir: string;
  before(async () => (dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-main-'))));
  after(async () => rm(dataDir, { recursive: true, force: true }));

  it('prints the pool and client ids, serves every part, and stops cleanly on Ctrl-C', async () => {
    const cloud = await startCloud(dataDir);
    try {
      for (const id of [
        localCloud.userPoolId,
        localCloud.userPoolClientId,
        localCloud.machineClientId,
      ]) {
        assert.match(cloud.output(), new RegExp(id));
      }
      assert.match(cloud.output(), /\/_mailbox/);
      const health = await fetch(`${cloud.apiUrl}/health`);
      assert.equal(health.status, 200);
      const unauthorized = await fetch(`${cloud.apiUrl}/notes`);
      assert.equal(unauthorized.status, 401);
      await poolClient(cloud.cognitoUrl).send(
        new AdminCreateUserCommand({
          UserPoolId: localCloud.userPoolId,
          Username: 'kept@example.com',
          MessageAction: 'SUPPRESS',
          UserAttributes: [{ Name: 'email', Value: 'kept@example.com' }],
        }),
      );
    } finally {
      assert.equal(await stopWithCtrlC(cloud), 0);
    }
  });

  it('reuses the data folder on the next start', async () => {
    const cloud = await startCloud(dataDir);
    try {
      const user = await poolClient(cloud.cognitoUrl).send(
        new AdminGetUserCommand({
          UserPoolId: localCloud.userPoolId,
          Username: 'kept@example.com',
        }),
      );
      assert.equal(
        user.UserAttributes?.find((attribute) => attribute.Name === 'email')?.Value,
        'kept@example.com',
      );
    } finally {
      assert.equal(await stopWithCtrlC(cloud), 0);
    }
  });

  it('starts from empty with --fresh', async () => {
    const cloud = await startCloud(dataDir, '--fresh');
    try {
      await assert.rejects(
        poolClient(cloud.cognitoUrl).send(
          new AdminGetUserCommand({
            UserPoolId: localCloud.userPoolId,
            Username: 'kept@example.com',
          }),
        ),
        { name: 'UserNotFoundException' },
      );
    } finally {
      assert.equal(await stopWithCtrlC(cloud), 0);
    }
  });
});

describe('the data folder is private', () => {
  let dataDir: string;
  before(async () => (dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-modes-'))));
  after(async () => rm(dataDir, { recursive: true, force: true }));

  /** Every entry under `dir` with its permission bits. */
  async function modes(dir: string): Promise<{ path: string; dir: boolean; mode: number }[]> {
    const found: { path: string; dir: boolean; mode: number }[] = [];
    for (const name of await readdir(dir)) {
      const path = join(dir, name);
      const stats = await lstat(path);
      found.push({ path, dir: stats.isDirectory(), mode: stats.mode & 0o777 });
      if (stats.isDirectory()) found.push(...(await modes(path)));
    }
    return found;
  }

  it('is 0700 with files 0600 after a run, DynamoDB included, with no temporary copies left', async () => {
    // An older, world-readable folder with a copy an interrupted write left behind.
    await mkdir(join(dataDir, 'cognito'), { recursive: true, mode: 0o755 });
    await chmod(dataDir, 0o755);
    await writeFile(join(dataDir, 'cognito', '.state.json.0123456789ab.tmp'), '{"half":', {
      mode: 0o644,
    });
    await writeFile(join(dataDir, 'notes.txt'), 'kept', { mode: 0o644 });
    const cloud = await startCloud(dataDir);
    try {
      const sdk = poolClient(cloud.cognitoUrl);
      await sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: localCloud.userPoolId,
          Username: 'private@example.com',
          MessageAction: 'SUPPRESS',
        }),
      );
      sdk.destroy();
    } finally {
      assert.equal(await stopWithCtrlC(cloud), 0);
    }
    assert.equal((await lstat(dataDir)).mode & 0o777, 0o700);
    const entries = await modes(dataDir);
    assert.ok(
      entries.some((entry) => entry.path.includes(`${join(dataDir, 'dynamodb')}/`) && !entry.dir),
      'dynalite wrote its files',
    );
    assert.ok(
      entries.some((entry) => entry.path.endsWith('notes.txt')),
      'other files are kept',
    );
    const wrong = entries.filter((entry) => entry.mode !== (entry.dir ? 0o700 : 0o600));
    assert.deepEqual(
      wrong.map((entry) => `${entry.path} ${entry.mode.toString(8)}`),
      [],
    );
    assert.deepEqual(
      entries.filter((entry) => entry.path.endsWith('.tmp')).map((entry) => entry.path),
      [],
    );
  });
});

describe('ALLOWED_EMAIL_DOMAINS (the sign-up allow-list on npm start)', () => {
  let dataDir: string;
  before(async () => (dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-domains-'))));
  after(async () => rm(dataDir, { recursive: true, force: true }));

  it('refuses a sign-up from another domain with UserLambdaValidationException in Cognito’s format, and accepts an allowed one', async () => {
    const cloud = await startCloudWith(dataDir, {
      ALLOWED_EMAIL_DOMAINS: 'Example.org, example.net',
    });
    try {
      assert.match(cloud.output(), /sign-up\s+only @example\.org, @example\.net/);
      const sdk = poolClient(cloud.cognitoUrl);
      const signUp = (email: string) =>
        sdk.send(
          new SignUpCommand({
            ClientId: localCloud.userPoolClientId,
            Username: email,
            Password: 'Correct-horse-9',
            UserAttributes: [{ Name: 'email', Value: email }],
          }),
        );
      await assert.rejects(signUp('mallory@elsewhere.test'), (error: Error) => {
        assert.equal(error.name, 'UserLambdaValidationException');
        assert.equal(
          error.message,
          'PreSignUp failed with error Sign-up is open to @example.org, @example.net addresses only.',
        );
        return true;
      });
      const accepted = await signUp('ada@EXAMPLE.org');
      assert.equal(accepted.UserConfirmed, false);
      assert.ok(accepted.UserSub);
    } finally {
      assert.equal(await stopWithCtrlC(cloud), 0);
    }
  });

  it('does not start with a value that is not a list of domains, and says why', async () => {
    const child = spawn(process.execPath, ['local/main.ts'], {
      env: {
        ...process.env,
        ALLOWED_EMAIL_DOMAINS: 'example.org,not a domain',
        COGNITO_PORT: '0',
        API_PORT: '0',
        DYNAMODB_PORT: '0',
        LOCAL_CLOUD_DATA: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 1);
    assert.match(stderr, /ALLOWED_EMAIL_DOMAINS: "not a domain" is not an email domain/);
  });
});
